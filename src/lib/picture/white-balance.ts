import { median } from '../stacking/align';
import type { StarColour } from './stars';
import type { Planes } from './types';

/** Fewer stars than this give no trustworthy average: the channels stay as they are. */
const MIN_STARS = 5;

/**
 * Average-star white balance: R and B scaled so the median star has R/G = B/G = 1. The catalogue
 * holds Tycho VT magnitudes only (src/lib/catalog/types.ts), no star colours, so the stars of the
 * field themselves are the reference; always this method. Scaling keeps a sky at 0 (background.ts)
 * at 0 in every channel: the sky stays neutral. In place; returns the factors applied to R and B.
 */
export function whiteBalance(p: Planes, stars: StarColour[]): { r: number; b: number } {
	if (stars.length < MIN_STARS) return { r: 1, b: 1 };
	const factors = { r: median(stars.map((s) => s.g / s.r)), b: median(stars.map((s) => s.g / s.b)) };
	const { r, b } = p;
	const fr = factors.r;
	const fb = factors.b;
	for (let i = 0; i < r.length; i++) {
		r[i] *= fr;
		b[i] *= fb;
	}
	return factors;
}
