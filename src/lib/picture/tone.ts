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
	// The planes as locals and the maxima inline: a property load or a Math call per pixel costs more than the arithmetic.
	const { r: pr, g: pg, b: pb } = p;
	const lum = new Float32Array(n);
	let white = -Infinity;
	for (let i = 0; i < n; i++) {
		const r = pr[i];
		const g = pg[i];
		const b = pb[i];
		lum[i] = (r + g + b) / 3;
		const top = r > g ? (r > b ? r : b) : g > b ? g : b;
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
	for (let i = 0; i < n; i++) {
		if (saturated[i]) {
			pr[i] = pg[i] = pb[i] = 1;
			continue;
		}
		const x = (lum[i] - black) * inverse;
		const gain = (x > 0 ? (x < 1 ? (m - 1) / ((2 * m - 1) * x - m) : 1 / x) : slope0) * inverse;
		let r = (pr[i] - black) * gain;
		let g = (pg[i] - black) * gain;
		let b = (pb[i] - black) * gain;
		r = r > 0 ? r : 0;
		g = g > 0 ? g : 0;
		b = b > 0 ? b : 0;
		const top = r > g ? (r > b ? r : b) : g > b ? g : b;
		const scale = top > 1 ? 1 / top : 1;
		pr[i] = r * scale;
		pg[i] = g * scale;
		pb[i] = b * scale;
	}
}
