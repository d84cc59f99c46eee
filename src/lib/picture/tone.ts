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
	const lum = new Float32Array(n);
	let white = -Infinity;
	for (let i = 0; i < n; i++) {
		lum[i] = (p.r[i] + p.g[i] + p.b[i]) / 3;
		const top = Math.max(p.r[i], p.g[i], p.b[i]);
		if (top > white) white = top;
	}
	const tiles = tileLevels(lum, model.grid);
	const skyTiles = [...model.sky.keys()].filter((t) => model.sky[t]);
	const sky = median(skyTiles.map((t) => tiles.level[t]));
	const noise = median(skyTiles.map((t) => tiles.sigma[t]));
	const black = sky + AUTO_SHADOWS * noise;
	const range = white > black ? white - black : 1;
	const inverse = 1 / range;
	const m = mtf(SKY_TARGET, (sky - black) * inverse);
	// mtf(m, x) / x: finite at x = 0, where a sky pixel near the black point lies.
	const slope0 = (1 - m) / m;
	const planes = [p.r, p.g, p.b];
	for (let i = 0; i < n; i++) {
		if (saturated[i]) {
			planes[0][i] = planes[1][i] = planes[2][i] = 1;
			continue;
		}
		const x = (lum[i] - black) * inverse;
		const gain = (x > 0 ? (x < 1 ? (m - 1) / ((2 * m - 1) * x - m) : 1 / x) : slope0) * inverse;
		let r = (p.r[i] - black) * gain;
		let g = (p.g[i] - black) * gain;
		let b = (p.b[i] - black) * gain;
		r = r > 0 ? r : 0;
		g = g > 0 ? g : 0;
		b = b > 0 ? b : 0;
		const top = r > g ? (r > b ? r : b) : g > b ? g : b;
		const scale = top > 1 ? 1 / top : 1;
		planes[0][i] = r * scale;
		planes[1][i] = g * scale;
		planes[2][i] = b * scale;
	}
}
