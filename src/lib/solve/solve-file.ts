import { removePrimaryCards, setPrimaryCards } from '../fits';
import type { CatalogSource } from '../catalog';
import type { KernelPool } from '../stacking/pool/types';
import { fileHint } from './file-hint';
import { fileStars, type FileStars } from './file-stars';
import { solutionCards } from './solution-cards';
import { solveStars } from './solve-stars';
import type { SolveResult } from './types';

export interface SolvedFile {
	/** The file with the solution's cards in its primary header. */
	bytes: Uint8Array;
	result: SolveResult;
	kind: FileStars['kind'];
	width: number;
	height: number;
}

/** Keys of a WCS in any form, and of an earlier solution: all go before a new solution is written (readWcs refuses mixed forms). */
const WCS_KEY = /^(WCSAXES|CTYPE[12]|CUNIT[12]|CRVAL[12]|CRPIX[12]|CDELT[12]|CROTA[12]|CD[12]_[12]|PC[12]_[12]|LONPOLE|LATPOLE|(A|B|AP|BP)_(ORDER|\d+_\d+)|PLTSOLVD|PLTREASN|PLTSTARS|PLTRMS|PLTCAT)$/;

/**
 * Plate-solves a FITS file (a CrowdSky stack, a raw camera frame or a stack made on a telescope)
 * and returns it with the solution in its primary header. Solved: any older WCS is replaced.
 * Unsolved: PLTSOLVD = F and the reason are set and an older WCS is kept, since it may be right.
 * Throws FitsError when the file is no FITS image this reads.
 */
export async function solveFile(pool: KernelPool, source: CatalogSource, bytes: Uint8Array): Promise<SolvedFile> {
	const found = await fileStars(pool, bytes);
	const { kind, width, height } = found;
	const hint = fileHint(found.header, width, height);
	const result: SolveResult =
		'reason' in hint ? { solved: false, reason: hint.reason } : await solveStars(pool, source, { stars: found.stars, width, height, ...hint });
	const cleared = result.solved ? removePrimaryCards(bytes, (key) => WCS_KEY.test(key)) : bytes;
	return { bytes: setPrimaryCards(cleared, solutionCards(result)), result, kind, width, height };
}
