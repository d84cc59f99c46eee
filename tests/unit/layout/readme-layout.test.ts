/**
 * The README's layout table is the layout: every folder of src/lib is named there, and every
 * path it names exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

function folders(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.flatMap((e) => [join(dir, e.name), ...folders(join(dir, e.name))]);
}

/** The backticked paths in the first column of the README's Layout table. */
function layoutPaths(readme: string): string[] {
	const section = readme.slice(readme.indexOf('## Layout'), readme.indexOf('\n## ', readme.indexOf('## Layout') + 1));
	return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

describe('README layout', () => {
	const listed = layoutPaths(readFileSync(join(ROOT, 'README.md'), 'utf8'));

	it('names every folder of src/lib', () => {
		const missing = folders(join(ROOT, 'src/lib'))
			.map((f) => `${relative(ROOT, f)}/`)
			.filter((f) => !listed.includes(f));
		expect(missing).toEqual([]);
	});

	it('names only paths that exist', () => {
		expect(listed.length).toBeGreaterThan(10);
		expect(listed.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
	});
});
