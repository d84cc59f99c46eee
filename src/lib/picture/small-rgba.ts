import { areaAverage, fitWithin } from '../stacking/preview';
import type { Picture } from './types';

/** The picture area-averaged to at most `maxSide` px on its longer side, as 8-bit RGBA. */
export function smallRgba(picture: Picture, maxSide: number): { width: number; height: number; rgba: Uint8ClampedArray } {
	const { width, height, rgb } = picture;
	const { width: ow, height: oh } = fitWithin(width, height, maxSide);
	const rgba = new Uint8ClampedArray(ow * oh * 4);
	const plane = new Float32Array(width * height);
	for (let c = 0; c < 3; c++) {
		for (let i = 0; i < plane.length; i++) plane[i] = rgb[i * 3 + c];
		const small = areaAverage(plane, width, height, ow, oh);
		for (let i = 0; i < small.length; i++) rgba[i * 4 + c] = Math.round(small[i] / 257);
	}
	for (let i = 0; i < ow * oh; i++) rgba[i * 4 + 3] = 255;
	return { width: ow, height: oh, rgba };
}
