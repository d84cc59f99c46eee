import { PNG } from 'pngjs';
import { makePicture, type Picture, type PictureInput } from '$lib/picture';
import { picturePng } from '$lib/server/stacks/picture-png';
import { areaAverage } from '$lib/stacking/preview';

/** The gallery's thumbnail size: the longer side, pixels. */
export const THUMBNAIL_MAX_SIDE = 512;

/**
 * The stack's picture (16-bit PNG, full size of its crop) and the gallery's thumbnail made from it
 * (8-bit PNG, at most 512 px on its longer side); made here, never trusted from a worker.
 */
export function makePictureFiles(input: PictureInput): { picture: Uint8Array; thumbnail: Uint8Array } {
	const picture = makePicture(input);
	return { picture: picturePng(picture), thumbnail: thumbnailPng(picture) };
}

function thumbnailPng(picture: Picture): Uint8Array {
	const { width, height, rgb } = picture;
	const s = Math.min(1, THUMBNAIL_MAX_SIDE / Math.max(width, height));
	const ow = Math.max(1, Math.round(width * s));
	const oh = Math.max(1, Math.round(height * s));
	const png = new PNG({ width: ow, height: oh });
	for (let c = 0; c < 3; c++) {
		const plane = new Float32Array(width * height);
		for (let i = 0; i < plane.length; i++) plane[i] = rgb[i * 3 + c];
		const small = areaAverage(plane, width, height, ow, oh);
		for (let i = 0; i < small.length; i++) png.data[i * 4 + c] = Math.round(small[i] / 257);
	}
	for (let i = 0; i < ow * oh; i++) png.data[i * 4 + 3] = 255;
	return new Uint8Array(PNG.sync.write(png));
}
