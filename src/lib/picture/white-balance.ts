import { median } from '../stacking/align';
import type { StarColour } from './stars';
import type { Planes } from './types';

/** Fewer stars than this give no trustworthy average: the channels stay as they are. */
const MIN_STARS = 5;

/**
 * Average-star white balance: R and B scaled so the median star has R/G = B/G = 1: the stars of the
 * field themselves are the reference, the method for a stack without a plate solution or with too
 * few catalogue stars of known colour (catalog-white-balance.ts). Scaling keeps a sky at 0
 * (background.ts) at 0 in every channel: the sky stays neutral. In place; returns the factors
 * applied to R and B.
 */
export function whiteBalance(p: Planes, stars: StarColour[]): { r: number; b: number } {
	if (stars.length < MIN_STARS) return { r: 1, b: 1 };
	const factors = { r: median(stars.map((s) => s.g / s.r)), b: median(stars.map((s) => s.g / s.b)) };
	scaleRB(p, factors.r, factors.b);
	return factors;
}

/** R and B multiplied by fr and fb, in place. */
export function scaleRB(p: Planes, fr: number, fb: number): void {
	const { r, b } = p;
	for (let i = 0; i < r.length; i++) {
		r[i] *= fr;
		b[i] *= fb;
	}
}
