import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatRaDec } from '../format/sky';
import { solveFile, type SolveResult } from '../solve';
import { loadKernel } from '../stacking/kernel/node';
import { createLocalPool } from '../stacking/pool/local-pool';
import { errorMessage } from '../util/error-message';
import { rotation } from '../wcs';
import { parseSolveArgs } from './args';
import { checkoutCatalog } from './checkout-catalog';
import type { Io } from './stack-command';

/**
 * `solve <files...> [--in-place]`: plate-solves each FITS file and writes the solution into a copy
 * beside it (NAME.solved.fits) or into the file itself. One line per file on stdout. Returns 0 when
 * every file solved, 1 when any did not or could not be read.
 */
export async function solveCommand(argv: string[], io: Io): Promise<number> {
	const args = parseSolveArgs(argv);
	const catalog = checkoutCatalog();
	// One kernel: a solve is a few hundred ms, files go one after another.
	const pool = createLocalPool(loadKernel());
	let failed = 0;
	try {
		for (const path of args.files) {
			const started = performance.now();
			try {
				const { bytes, result } = await solveFile(pool, catalog, new Uint8Array(await readFile(path)));
				const out = args.inPlace ? path : solvedCopyPath(path);
				await writeAtomically(out, bytes);
				if (!result.solved) failed++;
				io.stdout.write(`${path}: ${describe(result)}, ${Math.round(performance.now() - started)} ms -> ${out}\n`);
			} catch (err) {
				failed++;
				io.stdout.write(`${path}: error: ${readError(err)}\n`);
			}
		}
	} finally {
		await pool.close();
	}
	return failed === 0 ? 0 : 1;
}

/** NAME.fit(s) -> NAME.solved.fits in the same folder. */
export function solvedCopyPath(path: string): string {
	return join(dirname(path), `${basename(path).replace(/\.(fits?|fts)$/i, '')}.solved.fits`);
}

/** Written beside, then renamed over: an interrupted --in-place never leaves half a file. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
	const temporary = `${path}.${process.pid}.tmp`;
	await writeFile(temporary, bytes);
	await rename(temporary, path);
}

function readError(err: unknown): string {
	const code = (err as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return 'no such file';
	if (code === 'EISDIR') return 'a folder, not a FITS file';
	return errorMessage(err);
}

function describe(result: SolveResult): string {
	if (!result.solved) return `unsolved: ${result.reason}`;
	const { centre, scale, parity, matches, rmsArcsec, wcs } = result;
	return (
		`solved: centre ${formatRaDec(centre.ra, centre.dec)} (${centre.ra.toFixed(5)}°, ${centre.dec.toFixed(5)}°), ` +
		`${scale.toFixed(3)}″/px, rotation ${rotation(wcs).toFixed(2)}° E of N, ${parity}, ${matches} stars matched, RMS ${rmsArcsec.toFixed(2)}″`
	);
}
