import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args';

const FITS_NAME = /\.fits?$/i;

/**
 * Input paths in the order given, each folder replaced by its .fit/.fits files sorted by name
 * (not recursive). Files named explicitly are kept whatever their name: the stacker reports them.
 */
export async function expandInputs(paths: string[]): Promise<string[]> {
	const out: string[] = [];
	for (const path of paths) {
		const info = await stat(path).catch(() => undefined);
		if (!info) throw new UsageError(`input not found: ${path}`);
		if (!info.isDirectory()) {
			out.push(path);
			continue;
		}
		const names = (await readdir(path, { withFileTypes: true }))
			.filter((e) => e.isFile() && FITS_NAME.test(e.name))
			.map((e) => e.name)
			.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
		if (names.length === 0) throw new UsageError(`folder ${path} holds no .fit or .fits file`);
		out.push(...names.map((n) => join(path, n)));
	}
	return out;
}
