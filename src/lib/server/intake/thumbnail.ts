import { PNG } from 'pngjs';
import { makePicture, smallRgba, type ColourCalibration, type Picture, type PictureInput } from '$lib/picture';
import { picturePng } from '$lib/server/stacks/picture-png';

/** The gallery's thumbnail size: the longer side, pixels. */
export const THUMBNAIL_MAX_SIDE = 512;

/**
 * The stack's picture (16-bit PNG, full size of its crop) and the gallery's thumbnail made from it
 * (8-bit PNG, at most 512 px on its longer side); made here, never trusted from a worker. Also says
 * how its colour was calibrated.
 */
export function makePictureFiles(input: PictureInput): { picture: Uint8Array; thumbnail: Uint8Array; colour: ColourCalibration } {
	const picture = makePicture(input);
	return { picture: picturePng(picture), thumbnail: thumbnailPng(picture), colour: picture.colour };
}

/** The gallery's thumbnail of a picture: 8-bit RGBA PNG, at most THUMBNAIL_MAX_SIDE on its longer side. */
export function thumbnailPng(picture: Picture): Uint8Array {
	const small = smallRgba(picture, THUMBNAIL_MAX_SIDE);
	const png = new PNG({ width: small.width, height: small.height });
	png.data = Buffer.from(small.rgba.buffer, small.rgba.byteOffset, small.rgba.byteLength);
	return new Uint8Array(PNG.sync.write(png));
}
