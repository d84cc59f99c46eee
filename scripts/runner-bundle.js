// The runner (src/lib/runner/main.ts and what it imports) as one ES module in
// node_modules/.cache/crowdsky-runner, rebuilt by esbuild when a source it bundles has changed.
// Loading it costs a fraction of starting tsx and sending every module through its loader, which
// was a third of the CPU of stacking a small chunk.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'src/lib/runner/main.ts');
const CACHE = join(ROOT, 'node_modules/.cache/crowdsky-runner');
const BUNDLE = join(CACHE, 'runner.mjs');
const INPUTS = join(CACHE, 'inputs.json');
/** Bumped when the way of bundling changes, so older bundles are rebuilt. */
const VERSION = 1;

/** @param {string} path */
const hash = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The bundle's file URL, after rebuilding it if any input's content differs from when it was built. */
export async function runnerBundle() {
	if (!fresh()) await rebuild();
	return pathToFileURL(BUNDLE).href;
}

function fresh() {
	try {
		const built = JSON.parse(readFileSync(INPUTS, 'utf8'));
		return built.version === VERSION && Object.entries(built.inputs).every(([path, sum]) => hash(join(ROOT, path)) === sum);
	} catch {
		return false; // no bundle yet, or an input is gone
	}
}

async function rebuild() {
	const { build } = await import('esbuild');
	const result = await build({
		entryPoints: [ENTRY],
		absWorkingDir: ROOT,
		outfile: BUNDLE,
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
	const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((path) => [path, hash(join(ROOT, path))]));
	try {
		mkdirSync(CACHE, { recursive: true });
		// Renamed into place: a runner starting meanwhile sees the old pair or the new one, never half a file.
		const tmp = `.${process.pid}.tmp`;
		writeFileSync(BUNDLE + tmp, result.outputFiles[0].contents);
		renameSync(BUNDLE + tmp, BUNDLE);
		writeFileSync(INPUTS + tmp, JSON.stringify({ version: VERSION, inputs }));
		renameSync(INPUTS + tmp, INPUTS);
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
