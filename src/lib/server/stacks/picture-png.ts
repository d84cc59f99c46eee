import { PNG } from 'pngjs';
import type { Picture } from '$lib/picture';

/** zlib level: 9 (pngjs's default) took several times as long for a few per cent fewer bytes on noisy 16-bit skies. */
const DEFLATE_LEVEL = 6;

/** The picture as a 16-bit RGB PNG, full size. */
export function picturePng(picture: Picture): Uint8Array {
	const png = new PNG({ width: picture.width, height: picture.height, bitDepth: 16, colorType: 2, inputColorType: 2, inputHasAlpha: false });
	// pngjs reads 16-bit input as a Uint16Array over the whole buffer, so hand it exactly the samples.
	const samples = picture.rgb.byteOffset === 0 && picture.rgb.buffer.byteLength === picture.rgb.byteLength ? picture.rgb : picture.rgb.slice();
	png.data = Buffer.from(samples.buffer);
	return new Uint8Array(PNG.sync.write(png, { bitDepth: 16, colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: DEFLATE_LEVEL }));
}
