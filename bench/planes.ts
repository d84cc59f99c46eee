// Colour planes of the two stacks being compared: ours (RED/GREEN/BLUE image extensions) and
// Siril's (one primary HDU holding a 3-plane cube).
import { decodeToFloat32, readHdus, readImageHdu } from '../src/lib/fits';

export interface Planes {
	width: number;
	height: number;
	/** R, G, B, row-major in FITS storage order; NaN where nothing was stacked. */
	rgb: [Float32Array, Float32Array, Float32Array];
}

export function ourStackPlanes(fits: Uint8Array): Planes {
	const hdus = readHdus(fits);
	const plane = (name: string) => {
		const hdu = hdus.find((h) => h.header.string('EXTNAME') === name);
		if (!hdu) throw new Error(`the stack has no ${name} extension`);
		return readImageHdu(fits, hdu);
	};
	const [r, g, b] = ['RED', 'GREEN', 'BLUE'].map(plane);
	return { width: r.width, height: r.height, rgb: [decodeToFloat32(r), decodeToFloat32(g), decodeToFloat32(b)] };
}

/** Siril's 32-bit float RGB cube (our FITS reader takes only 2-D images, so the planes are read here). */
export function sirilPlanes(fits: Uint8Array): Planes {
	const { header, dataOffset, dataLength } = readHdus(fits)[0];
	const [bitpix, width, height, planes] = ['BITPIX', 'NAXIS1', 'NAXIS2', 'NAXIS3'].map((k) => header.number(k));
	if (bitpix !== -32 || planes !== 3 || !width || !height || dataLength < width * height * 12) {
		throw new Error(`Siril's result is BITPIX ${bitpix}, NAXIS3 ${planes}; expected a float32 RGB cube (set32bits, debayered)`);
	}
	const view = new DataView(fits.buffer, fits.byteOffset + dataOffset, width * height * 12);
	const plane = (p: number) => Float32Array.from({ length: width * height }, (_, i) => view.getFloat32((p * width * height + i) * 4, false));
	return { width, height, rgb: [plane(0), plane(1), plane(2)] };
}

/** The same image upside down (row y becomes row height - 1 - y). */
export function flipRows(p: Planes): Planes {
	const flip = (src: Float32Array) => {
		const out = new Float32Array(src.length);
		for (let y = 0; y < p.height; y++) out.set(src.subarray(y * p.width, (y + 1) * p.width), (p.height - 1 - y) * p.width);
		return out;
	};
	return { ...p, rgb: [flip(p.rgb[0]), flip(p.rgb[1]), flip(p.rgb[2])] };
}
