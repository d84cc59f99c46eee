// astrometry.net's solve-field on the star list our solver gets: an xylist FITS table (X, Y 1-based,
// FLUX, brightest first), the same scale bounds and hint. Index 4108 is found through the system's
// astrometry.cfg (Debian's astrometry-data-tycho2-08-littleendian).
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeFits } from '../src/lib/fits';
import type { SolveInput } from '../src/lib/solve';
import { SCALE_TOLERANCE } from '../src/lib/solve/constants';

const run = promisify(execFile);
export const SOLVE_FIELD = '/usr/bin/solve-field';
/** Search radius around the hint, degrees: the Seestar's pointing error plus the field's half-diagonal. */
const RADIUS_DEG = 1;

export interface SolveFieldRun {
	/** Wall time of the solve-field process, ms. */
	ms: number;
	centre: { ra: number; dec: number } | null;
}

/** Writes `input`'s stars as an xylist and times solve-field on it in `workDir`. */
export async function runSolveField(input: SolveInput, workDir: string): Promise<SolveFieldRun> {
	const stars = [...input.stars].sort((a, b) => (b.flux as number) - (a.flux as number));
	const xylist = join(workDir, 'stars.xyls');
	await writeFile(
		xylist,
		writeFits([
			{ kind: 'primary', cards: [] },
			{
				kind: 'bintable',
				name: 'SOURCES',
				rows: stars.length,
				columns: [
					{ name: 'X', format: 'D', data: stars.map((s) => s.x + 1) },
					{ name: 'Y', format: 'D', data: stars.map((s) => s.y + 1) },
					{ name: 'FLUX', format: 'D', data: stars.map((s) => s.flux as number) }
				],
				cards: []
			}
		])
	);
	const { hint, scale, width, height } = input;
	const args = [
		xylist,
		...['--width', `${width}`, '--height', `${height}`, '--x-column', 'X', '--y-column', 'Y', '--sort-column', 'FLUX'],
		...['--scale-units', 'arcsecperpix', '--scale-low', `${scale * (1 - SCALE_TOLERANCE)}`, '--scale-high', `${scale * (1 + SCALE_TOLERANCE)}`],
		...['--ra', `${hint.ra}`, '--dec', `${hint.dec}`, '--radius', `${RADIUS_DEG}`, '--crpix-center'],
		...['--dir', workDir, '--overwrite', '--no-plots', '--new-fits', 'none', '--cpulimit', '60']
	];
	const started = performance.now();
	const { stdout } = await run(SOLVE_FIELD, args, { maxBuffer: 16 << 20 });
	const ms = performance.now() - started;
	const m = /Field center: \(RA,Dec\) = \(([-\d.]+), ([-\d.]+)\) deg/.exec(stdout);
	return { ms, centre: m ? { ra: Number(m[1]), dec: Number(m[2]) } : null };
}
