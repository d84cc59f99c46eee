import type { Affine } from '../types';

/** Source rows a warped row needs beyond its bicubic taps: cosmetic (3) + MHC demosaic (2) + 1 of slack
 * for the last bit of the affine. */
const ROW_MARGIN = 6;

/** Source rows [s0, s1) of a frame of height `height` that output rows [y0, y0 + rows) of width
 * `width` need through refToFrame, with the margins of interpolation, demosaic and cosmetic
 * correction; clamped to the frame. [0, 0] when the band misses the frame. Plain arithmetic: the
 * pipeline plans its range reads with it, the kernel checks a band's frames against it. */
export function sourceRows(refToFrame: Affine, y0: number, rows: number, width: number, height: number): [number, number] {
	const [, , , d, e, f] = refToFrame;
	let lo = Infinity;
	let hi = -Infinity;
	for (const x of [0, width - 1]) {
		for (const y of [y0, y0 + rows - 1]) {
			const sy = d * x + (e * y + f);
			lo = Math.min(lo, sy);
			hi = Math.max(hi, sy);
		}
	}
	if (!(hi >= 0 && lo <= height - 1)) return [0, 0];
	const s0 = Math.max(0, Math.floor(lo) - 1 - ROW_MARGIN);
	const s1 = Math.min(height, Math.floor(hi) + 3 + ROW_MARGIN);
	return [s0, s1];
}
