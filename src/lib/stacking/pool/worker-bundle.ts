import { buildSync } from 'esbuild';

const bundles = new Map<string, URL>();

/**
 * The worker script at `entry` (TypeScript) and everything it imports as one ES module, as a data:
 * URL a Worker starts from. Bundled once per process: each worker_thread would otherwise register
 * tsx and load the module graph through its loader on its own, the largest part of a worker's start.
 */
export function workerBundle(entry: URL): URL {
	let url = bundles.get(entry.href);
	if (!url) {
		const { outputFiles } = buildSync({
			entryPoints: [decodeURIComponent(entry.pathname)],
			bundle: true,
			format: 'esm',
			platform: 'node',
			target: 'node20',
			write: false,
			logLevel: 'error'
		});
		url = new URL(`data:text/javascript,${encodeURIComponent(outputFiles[0].text)}`);
		bundles.set(entry.href, url);
	}
	return url;
}
