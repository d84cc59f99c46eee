import type { Star } from './kernel';
import type { Combined } from './combine';
import type { KernelPool } from './pool/types';

/** Stars kept in the stack's catalogue (brightest first). */
export const STACK_MAX_STARS = 5000;

/**
 * Stars of the stack, found by the same kernel detector on the stacked luminance (mean of R, G, B),
 * given to it as a mono float frame. Pixels no frame covered are set to the sky level so the
 * field's edge is not taken for a star.
 */
export async function detectStackStars(pool: KernelPool, stack: Combined, width: number, height: number, sky: number): Promise<Star[]> {
	const data = new Uint8Array(width * height * 4);
	const view = new DataView(data.buffer);
	for (let i = 0; i < width * height; i++) {
		const v = stack.coverage[i] > 0 ? (stack.r[i] + stack.g[i] + stack.b[i]) / 3 : sky;
		view.setFloat32(i * 4, Number.isFinite(v) ? v : sky, false);
	}
	const frame = { data, y0: 0, rows: height, width, height, bitpix: -32 as const, bzero: 0, bscale: 1, bayer: null };
	const analysis = await pool.analyse(frame, { maxStars: STACK_MAX_STARS });
	return analysis.stars;
}
