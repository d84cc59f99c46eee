import { PNG } from 'pngjs';
import { DEFAULT_JPEG_QUALITY, encodeJpeg } from '$lib/image/jpeg-encode';

/**
 * The stack's picture (a PNG, 16-bit or 8-bit) as a baseline JPEG for `?format=jpeg`: pngjs
 * rounds 16-bit samples to 8 bits (round(v * 255 / 65535)); a pixel with alpha is laid on black.
 */
export function pictureJpeg(png: Uint8Array, quality = DEFAULT_JPEG_QUALITY): Uint8Array {
	const { width, height, data } = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
	const rgb = new Uint8Array(width * height * 3);
	for (let i = 0, o = 0; i < data.length; i += 4, o += 3) {
		const alpha = data[i + 3];
		for (let c = 0; c < 3; c++) rgb[o + c] = alpha === 255 ? data[i + c] : Math.round((data[i + c] * alpha) / 255);
	}
	return encodeJpeg({ width, height, data: rgb }, quality);
}
