import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshBundle, storeBundle } from '../../util/bundle-cache.js';

/** Bumped when the way of bundling changes, so older bundles are rebuilt. */
const VERSION = 1;

const bundles = new Map<string, URL>();

/**
 * The worker script at `entry` (TypeScript) and everything it imports as one ES module, as a data:
 * URL a Worker starts from. Bundled once per process: each worker_thread would otherwise register
 * tsx and load the module graph through its loader on its own, the largest part of a worker's start.
 * The bundle is kept in node_modules/.cache (beside the esbuild that builds it) until a source it
 * bundles changes, so each process reads it instead of building it (0.1-0.2 s of esbuild).
 */
export function workerBundle(entry: URL): URL {
	let url = bundles.get(entry.href);
	if (!url) {
		const file = fileURLToPath(entry);
		// <root>/node_modules/esbuild/package.json: a bundled server's import.meta.url is not this file's.
		const root = resolve(dirname(createRequire(file).resolve('esbuild/package.json')), '../..');
		const dir = join(root, 'node_modules/.cache/crowdsky-worker', basename(file, '.ts'));
		const stored = freshBundle(dir, root, VERSION);
		const code = stored ? readFileSync(stored, 'utf8') : build(file, root, dir);
		url = new URL(`data:text/javascript,${encodeURIComponent(code)}`);
		bundles.set(entry.href, url);
	}
	return url;
}

/**
 * The bundle's code, stored for the next process when `dir` can be written (a server's may not be).
 * esbuild is loaded here, only when a bundle is stale: importing it costs a process ~0.13 s of CPU
 * (5 % of stacking a 6-frame chunk) to build nothing.
 */
function build(file: string, root: string, dir: string): string {
	const { buildSync } = createRequire(file)('esbuild') as typeof import('esbuild');
	const { outputFiles, metafile } = buildSync({
		entryPoints: [file],
		absWorkingDir: root,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		write: false,
		metafile: true,
		logLevel: 'error'
	});
	try {
		storeBundle(dir, root, VERSION, outputFiles[0].contents, Object.keys(metafile.inputs));
	} catch {
		// Built anyway: this process has its bundle, the next one builds again.
	}
	return outputFiles[0].text;
}
