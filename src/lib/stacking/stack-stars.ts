import type { Combined } from './combine';
import type { KernelPool } from './pool/types';
import type { Star } from './types';

/** Stars kept in the stack's catalogue (brightest first). */
export const STACK_MAX_STARS = 5000;

/**
 * Stars of the stack, found by the same kernel detector on the stacked luminance (mean of R, G, B),
 * given to it as a mono float plane. Pixels no frame covered are set to the sky level so the
 * field's edge is not taken for a star.
 */
export async function detectStackStars(pool: KernelPool, stack: Combined, width: number, height: number, sky: number): Promise<Star[]> {
	const luminance = new Float32Array(width * height);
	for (let i = 0; i < width * height; i++) {
		const v = stack.coverage[i] > 0 ? (stack.r[i] + stack.g[i] + stack.b[i]) / 3 : sky;
		luminance[i] = Number.isFinite(v) ? v : sky;
	}
	const analysis = await pool.analysePlane(luminance, width, height, { maxStars: STACK_MAX_STARS });
	return analysis.stars;
}
