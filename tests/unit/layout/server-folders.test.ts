/**
 * The folders of src/lib/server depend on each other one way only: a circle (jobs -> intake ->
 * jobs) means two folders are one concern split in two. Reads every file's imports, both
 * `$lib/server/<folder>` and relative `../<folder>`, and fails naming the first circle found.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = resolve('src/lib/server');
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return files(path);
		return /\.(ts|js|svelte)$/.test(entry.name) ? [path] : [];
	});
}

/** The top folder under src/lib/server that `path` lies in; undefined outside it or at its root. */
function folderOf(path: string): string | undefined {
	const rel = relative(SERVER, path);
	if (rel.startsWith('..')) return undefined;
	const parts = rel.split(sep);
	return parts.length > 1 ? parts[0] : undefined;
}

function importedFolder(file: string, spec: string): string | undefined {
	if (spec.startsWith('$lib/server/')) return spec.slice('$lib/server/'.length).split('/')[0];
	if (spec.startsWith('.')) return folderOf(resolve(dirname(file), spec));
	return undefined;
}

function folderGraph(root = SERVER): Map<string, Set<string>> {
	const graph = new Map<string, Set<string>>();
	for (const file of files(root)) {
		const from = folderOf(file);
		if (!from) continue;
		const edges = graph.get(from) ?? graph.set(from, new Set()).get(from)!;
		for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
			const to = importedFolder(file, match[1] ?? match[2]);
			if (to && to !== from) edges.add(to);
		}
	}
	return graph;
}

/** The first cycle found by depth-first search, as folder names ending where they began; null when none. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
	const done = new Set<string>();
	const path: string[] = [];
	const visit = (node: string): string[] | null => {
		const at = path.indexOf(node);
		if (at >= 0) return [...path.slice(at), node];
		if (done.has(node)) return null;
		path.push(node);
		for (const next of [...(graph.get(node) ?? [])].sort()) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		path.pop();
		done.add(node);
		return null;
	};
	for (const node of [...graph.keys()].sort()) {
		const cycle = visit(node);
		if (cycle) return cycle;
	}
	return null;
}

describe('folders of src/lib/server', () => {
	it('finds a circle when there is one', () => {
		const graph = new Map([
			['a', new Set(['b'])],
			['b', new Set(['c'])],
			['c', new Set(['a'])]
		]);
		expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
		expect(findCycle(new Map([['a', new Set(['b'])]]))).toBeNull();
	});

	it('import each other one way only', () => {
		const graph = folderGraph();
		expect(graph.get('intake')).toContain('jobs');
		const cycle = findCycle(graph);
		expect(cycle && `import circle: ${cycle.join(' -> ')}`).toBeNull();
	});
});
