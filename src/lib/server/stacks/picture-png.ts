import { PNG } from 'pngjs';
import type { Picture } from '$lib/picture';

/**
 * The low bits of 16-bit sky noise do not compress: on M 94 pngjs's defaults (zlib 9, the best of 5
 * filters per row) gave 10.77 MB in 0.98 s of CPU, the Sub filter at zlib 1 10.90 MB in 0.36 s.
 */
const ENCODING = { deflateLevel: 1, filterType: 1 };

/** The picture as a 16-bit RGB PNG, full size. */
export function picturePng(picture: Picture): Uint8Array {
	const png = new PNG({ width: picture.width, height: picture.height, bitDepth: 16, colorType: 2, inputColorType: 2, inputHasAlpha: false });
	// pngjs reads 16-bit input as a Uint16Array over the whole buffer, so hand it exactly the samples.
	const samples = picture.rgb.byteOffset === 0 && picture.rgb.buffer.byteLength === picture.rgb.byteLength ? picture.rgb : picture.rgb.slice();
	png.data = Buffer.from(samples.buffer);
	return new Uint8Array(PNG.sync.write(png, { bitDepth: 16, colorType: 2, inputColorType: 2, inputHasAlpha: false, ...ENCODING }));
}
