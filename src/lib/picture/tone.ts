import { median } from '../stacking/align';
import { AUTO_SHADOWS, mtf } from '../stacking/stretch';
import type { SkyModel } from './background';
import { tileLevels } from './tiles';
import type { Planes } from './types';

/** Where the sky lands on the display: dark, clear of the mid-grey a plain auto-stretch leaves. */
export const SKY_TARGET = 0.12;

/**
 * A colour-preserving stretch, in place, to [0, 1]: the midtones transfer function of stretch.ts
 * applied to the luminance, each channel multiplied by the same gain, so R:G:B of every pixel
 * stays as calibrated. The black point lies AUTO_SHADOWS sky-noise sigmas (of the luminance) below
 * the sky; the white point is the brightest value. A pixel whose brightest channel would pass 1 is
 * scaled down whole, so it keeps its colour; only saturated pixels (saturation.ts), whose colour the
 * sensor lost, become white.
 */
export function stretchLinked(p: Planes, model: SkyModel, saturated: Uint8Array): void {
	const n = p.width * p.height;
	// The planes as locals: no property load per pixel. In the per-pixel pass, max(v, 0) is written
	// (v + |v|) / 2, exact, as neither a branch (mispredicted on noisy sky) nor Math.max (NaN and
	// −0 handling) is: 36 -> 12 ms of CPU on M 94.
	const { r: pr, g: pg, b: pb } = p;
	const lum = new Float32Array(n);
	let white = -Infinity;
	for (let i = 0; i < n; i++) {
		const r = pr[i];
		const g = pg[i];
		const b = pb[i];
		lum[i] = (r + g + b) / 3;
		white = Math.max(white, r, g, b);
	}
	const tiles = tileLevels(lum, model.grid);
	const skyTiles = [...model.sky.keys()].filter((t) => model.sky[t]);
	const sky = median(skyTiles.map((t) => tiles.level[t]));
	const noise = median(skyTiles.map((t) => tiles.sigma[t]));
	const black = sky + AUTO_SHADOWS * noise;
	const range = white > black ? white - black : 1;
	const inverse = 1 / range;
	const m = mtf(SKY_TARGET, (sky - black) * inverse);
	for (let i = 0; i < n; i++) {
		if (saturated[i]) {
			pr[i] = pg[i] = pb[i] = 1;
			continue;
		}
		// mtf(m, x) / x, taken at x = 0 below the black point (where it is finite, (1 − m) / m): a sky
		// pixel near the black point gets the sky's slope. x reaches 1 only at the white point.
		const x0 = (lum[i] - black) * inverse;
		const x = (x0 + Math.abs(x0)) * 0.5;
		const gain = (x < 1 ? (m - 1) / ((2 * m - 1) * x - m) : 1 / x) * inverse;
		const r0 = (pr[i] - black) * gain;
		const g0 = (pg[i] - black) * gain;
		const b0 = (pb[i] - black) * gain;
		const r = (r0 + Math.abs(r0)) * 0.5;
		const g = (g0 + Math.abs(g0)) * 0.5;
		const b = (b0 + Math.abs(b0)) * 0.5;
		const scale = r > 1 || g > 1 || b > 1 ? 1 / Math.max(r, g, b) : 1;
		pr[i] = r * scale;
		pg[i] = g * scale;
		pb[i] = b * scale;
	}
}
