import { fitWithin } from '../stacking/preview';
import type { Picture } from './types';

/**
 * The picture area-averaged to at most `maxSide` px on its longer side, as 8-bit RGBA: each output
 * pixel the mean of the source pixels under it, weighted by the area they share. One pass over
 * the interleaved samples, separable: a source row is averaged along x into a row of sums, which
 * is added to the one or two output rows it overlaps (areaAverage of each channel apart cost six
 * times as much).
 */
export function smallRgba(picture: Pick<Picture, 'width' | 'height' | 'rgb'>, maxSide: number): { width: number; height: number; rgba: Uint8ClampedArray } {
	const { width, height, rgb } = picture;
	const { width: ow, height: oh } = fitWithin(width, height, maxSide);
	const across = overlaps(width, ow);
	const down = overlaps(height, oh);
	const sums = new Float64Array(ow * oh * 3);
	const row = new Float64Array((ow + 1) * 3); // the extra pixel takes the zero-weight spill of the last column
	for (let y = 0; y < height; y++) {
		row.fill(0);
		for (let x = 0, i = y * width * 3; x < width; x++, i += 3) {
			const o = across.first[x] * 3;
			const w = across.weight[x];
			const rest = 1 - w;
			row[o] += w * rgb[i];
			row[o + 1] += w * rgb[i + 1];
			row[o + 2] += w * rgb[i + 2];
			row[o + 3] += rest * rgb[i];
			row[o + 4] += rest * rgb[i + 1];
			row[o + 5] += rest * rgb[i + 2];
		}
		const oy = down.first[y];
		const w = down.weight[y];
		for (let k = 0, at = oy * ow * 3; k < ow * 3; k++) sums[at + k] += w * row[k];
		if (w < 1) for (let k = 0, at = (oy + 1) * ow * 3; k < ow * 3; k++) sums[at + k] += (1 - w) * row[k];
	}
	// Every output pixel covers (width / ow) × (height / oh) source pixels; /257 takes 16 bits to 8.
	const scale = (ow * oh) / (width * height) / 257;
	const rgba = new Uint8ClampedArray(ow * oh * 4);
	for (let p = 0; p < ow * oh; p++) {
		rgba[p * 4] = Math.round(sums[p * 3] * scale);
		rgba[p * 4 + 1] = Math.round(sums[p * 3 + 1] * scale);
		rgba[p * 4 + 2] = Math.round(sums[p * 3 + 2] * scale);
		rgba[p * 4 + 3] = 255;
	}
	return { width: ow, height: oh, rgba };
}

/**
 * For each of `size` source pixels, the first of the `out` output pixels it overlaps and the share
 * of it inside that one; the rest (1 − share) falls in the next. An output pixel spans size / out
 * source pixels, at least one, so a source pixel overlaps at most two.
 */
function overlaps(size: number, out: number): { first: Int32Array; weight: Float64Array } {
	const first = new Int32Array(size);
	const weight = new Float64Array(size);
	const span = size / out;
	for (let s = 0; s < size; s++) {
		const o = Math.min(out - 1, Math.floor(s / span));
		first[s] = o;
		weight[s] = o === out - 1 ? 1 : Math.min(1, (o + 1) * span - s);
	}
	return { first, weight };
}
