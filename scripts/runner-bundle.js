// The runner (src/lib/runner/main.ts and what it imports) as one ES module in
// node_modules/.cache/crowdsky-runner, rebuilt by esbuild when a source it bundles has changed.
// Loading it costs a fraction of starting tsx and sending every module through its loader, which
// was a third of the CPU of stacking a small chunk.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle, storeBundle } from '../src/lib/util/bundle-cache.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'src/lib/runner/main.ts');
const CACHE = join(ROOT, 'node_modules/.cache/crowdsky-runner');
/** Bumped when the way of bundling changes, so older bundles are rebuilt. */
const VERSION = 2;

/** The bundle's file URL, after rebuilding it if any input's content differs from when it was built. */
export async function runnerBundle() {
	return pathToFileURL(freshBundle(CACHE, ROOT, VERSION) ?? (await rebuild())).href;
}

async function rebuild() {
	const { build } = await import('esbuild');
	const result = await build({
		entryPoints: [ENTRY],
		absWorkingDir: ROOT,
		outfile: join(CACHE, 'runner.mjs'),
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		packages: 'external',
		write: false,
		metafile: true,
		logLevel: 'error',
		plugins: [ownImportMetaUrl]
	});
	try {
		return storeBundle(CACHE, ROOT, VERSION, result.outputFiles[0].contents, Object.keys(result.metafile.inputs));
	} catch (err) {
		const why = /** @type {NodeJS.ErrnoException} */ (err);
		throw new Error(`the runner's sources changed and ${CACHE} cannot be written (${why.code ?? why.message}): run \`node runner.js --help\` once as the checkout's owner`);
	}
}

/** Each module keeps its own import.meta.url (the kernel's wasm, the catalogue and the worker are found from it). @type {import('esbuild').Plugin} */
const ownImportMetaUrl = {
	name: 'own-import-meta-url',
	setup(b) {
		b.onLoad({ filter: /\.ts$/ }, (args) => ({
			contents: readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href)),
			loader: 'ts'
		}));
	}
};
