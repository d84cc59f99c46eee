import { decodeToFloat32, readRawImage } from '../../../src/lib/fits';
import { fitsHeader } from '../../integration/uploads/fixtures';

/** Header keys of a raw frame a telescope's own stack also carries. */
const KEPT = ['OBJECT', 'RA', 'DEC', 'XPIXSZ', 'FOCALLEN', 'DATE-OBS', 'EXPTIME', 'TELESCOP', 'FILTER'];

/**
 * A telescope-made stack as the Seestar writes one (a PRIMARY cube of 3 unsigned 16-bit planes,
 * STACKCNT) from a real raw GRBG frame: each 2x2 Bayer cell gives its R, mean G and B to its four
 * pixels, so the planes hold the frame's stars at the frame's pixel positions.
 */
export function seestarCube(raw: Uint8Array): Uint8Array {
	const image = readRawImage(raw);
	const { width, height } = image;
	const mosaic = decodeToFloat32(image);
	const kept: Record<string, string | number> = {};
	for (const key of KEPT) {
		const value = image.header.get(key);
		if (typeof value === 'string' || typeof value === 'number') kept[key] = value;
	}
	const header = fitsHeader({ SIMPLE: true, BITPIX: 16, NAXIS: 3, NAXIS1: width, NAXIS2: height, NAXIS3: 3, BZERO: 32768, ...kept, STACKCNT: 1 });
	const planeBytes = width * height * 2;
	const data = new Uint8Array(Math.ceil((3 * planeBytes) / 2880) * 2880);
	const view = new DataView(data.buffer);
	for (let y = 0; y + 1 < height; y += 2) {
		for (let x = 0; x + 1 < width; x += 2) {
			const at = y * width + x;
			// GRBG: G R over B G
			const rgb = [mosaic[at + 1], (mosaic[at] + mosaic[at + width + 1]) / 2, mosaic[at + width]];
			for (const i of [at, at + 1, at + width, at + width + 1])
				for (let c = 0; c < 3; c++) view.setInt16(c * planeBytes + 2 * i, Math.round(rgb[c]) - 32768, false);
		}
	}
	const out = new Uint8Array(header.length + data.length);
	out.set(header);
	out.set(data, header.length);
	return out;
}
