import { fieldColourStars } from '$lib/catalog';
import type { FitsHeader } from '$lib/fits';
import type { ColourStar } from '$lib/picture';
import { readSolution } from '$lib/solve';
import { serverCatalog } from '$lib/server/verify/server-catalog';

/**
 * The catalogue stars of known B−V in a stack whose primary header carries a plate solution, for
 * the picture's colour calibration; undefined when the stack is not solved (the average star then).
 */
export async function stackColourStars(header: FitsHeader, width: number, height: number): Promise<ColourStar[] | undefined> {
	const solution = readSolution(header, width, height);
	if (solution.state !== 'solved') return undefined;
	return fieldColourStars(serverCatalog(), solution.wcs, width, height);
}
