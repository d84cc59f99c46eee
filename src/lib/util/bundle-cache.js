// esbuild bundles kept on disk between processes, each beside the content hash of every source it
// bundles: a process reuses a bundle while those sources are unchanged. Plain JavaScript, because
// runner.js loads it before any TypeScript loader.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string | Uint8Array} data */
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * The path of the bundle stored in `dir` when it was built by this `version` of its caller and every
 * input (paths relative to `root`) still has the content it was built from; else undefined.
 * @param {string} dir @param {string} root @param {number} version
 * @returns {string | undefined}
 */
export function freshBundle(dir, root, version) {
	try {
		const built = JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8'));
		const fresh = built.version === version && Object.entries(built.inputs).every(([path, sum]) => sha256(readFileSync(join(root, path))) === sum);
		return fresh ? join(dir, built.bundle) : undefined;
	} catch {
		return undefined; // no bundle yet, or an input is gone
	}
}

/**
 * Stores a bundle and its inputs' hashes in `dir`; returns the bundle's path. Safe under concurrent
 * processes: the bundle is named by its content and `inputs.json`, which names it, is renamed into
 * place last, so a reader sees an old pair or a new one, never half a file or a mismatched pair.
 * @param {string} dir @param {string} root @param {number} version
 * @param {Uint8Array} contents the bundle
 * @param {string[]} inputs the bundled sources, relative to `root` (esbuild's metafile keys)
 * @returns {string}
 */
export function storeBundle(dir, root, version, contents, inputs) {
	mkdirSync(dir, { recursive: true });
	const bundle = `bundle-${sha256(contents).slice(0, 16)}.mjs`;
	const tmp = `.${process.pid}.tmp`;
	writeFileSync(join(dir, bundle + tmp), contents);
	renameSync(join(dir, bundle + tmp), join(dir, bundle));
	const hashes = Object.fromEntries(inputs.map((path) => [path, sha256(readFileSync(join(root, path)))]));
	writeFileSync(join(dir, 'inputs.json' + tmp), JSON.stringify({ version, bundle, inputs: hashes }));
	renameSync(join(dir, 'inputs.json' + tmp), join(dir, 'inputs.json'));
	return join(dir, bundle);
}
