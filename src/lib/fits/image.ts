import { readBayer, readRowOrder, type BayerPattern, type RowOrder } from './bayer';
import { FitsError, withFileName } from './errors';
import type { FitsHeader } from './header';
import { walkHdus, type Hdu } from './read';
import { show } from './show';
import { readAxes, readBitpix } from './size';

export type { BayerPattern } from './bayer';
/** BITPIX values of images this reader decodes (FITS also allows 64; images with it are refused). */
export type Bitpix = 8 | 16 | 32 | -32 | -64;
const IMAGE_BITPIX: readonly Bitpix[] = [8, 16, 32, -32, -64];

export interface ImageLayout {
	header: FitsHeader;
	width: number;
	height: number;
	bitpix: Bitpix;
	bzero: number;
	bscale: number;
	/** Pattern in STORAGE order (ROWORDER already accounted for); null = mono. */
	bayer: BayerPattern | null;
	rowOrder: RowOrder;
	/** Byte offset of pixel (0,0) in the file. */
	dataOffset: number;
	/** width * |bitpix| / 8 */
	rowBytes: number;
}

export interface RawImage extends ImageLayout {
	/** Big-endian pixel bytes, a view into the input. */
	data: Uint8Array;
}

/**
 * Layout of the first image HDU, from the start of a file (`headerBytes`, which must reach past
 * that image's header) and the file's full size, so rows can then be fetched by range.
 */
export function readImageLayout(headerBytes: Uint8Array, fileSize: number, name?: string): ImageLayout {
	return withFileName(name, () => {
		for (const hdu of walkHdus(headerBytes, fileSize)) {
			if (holdsImage(hdu)) return layoutOf(hdu);
		}
		throw noImage();
	});
}

function noImage(): FitsError {
	return new FitsError('NO_IMAGE', 'no HDU holds an image (a primary HDU with NAXIS > 0 or an IMAGE extension)');
}

/** The first image of a whole file, its pixels left as big-endian bytes (no copy). */
export function readRawImage(bytes: Uint8Array, name?: string): RawImage {
	return withFileName(name, () => {
		for (const hdu of walkHdus(bytes, bytes.length)) {
			if (holdsImage(hdu)) return readImageHdu(bytes, hdu);
		}
		throw noImage();
	});
}

/** The image of one HDU from readHdus (e.g. a stack's RED extension), pixels as a view into `bytes`. */
export function readImageHdu(bytes: Uint8Array, hdu: Hdu, name?: string): RawImage {
	return withFileName(name, () => {
		if (!holdsImage(hdu)) {
			const kind = hdu.index === 0 ? 'an empty primary HDU' : `a ${hdu.header.string('XTENSION')} extension`;
			throw new FitsError('NO_IMAGE', `HDU ${hdu.index} is ${kind}, not an image`);
		}
		const layout = layoutOf(hdu);
		const end = layout.dataOffset + layout.rowBytes * layout.height;
		if (end > bytes.length) {
			throw new FitsError('TRUNCATED', `HDU ${hdu.index} needs bytes up to ${end} but only ${bytes.length} were given`);
		}
		return { ...layout, data: bytes.subarray(layout.dataOffset, end) };
	});
}

/**
 * Plain-TS reference decoder: physical values BZERO + BSCALE x stored value, in storage order.
 * The WASM kernel is tested against this, so it stays the textbook formula, one BITPIX per case.
 * BLANK (undefined integer pixels) is not applied: the kernel has no notion of it either.
 */
export function decodeToFloat32(img: RawImage): Float32Array {
	const { width, height, bitpix, bzero, bscale, data } = img;
	const count = width * height;
	const needed = count * (Math.abs(bitpix) / 8);
	if (data.length < needed) {
		throw new FitsError(
			'TRUNCATED',
			`image data has ${data.length} bytes but ${width} x ${height} pixels of BITPIX ${bitpix} need ${needed}`
		);
	}
	const view = new DataView(data.buffer, data.byteOffset, needed);
	const out = new Float32Array(count);
	for (let i = 0; i < count; i++) {
		let stored: number;
		switch (bitpix) {
			case 8:
				stored = view.getUint8(i);
				break;
			case 16:
				stored = view.getInt16(i * 2, false);
				break;
			case 32:
				stored = view.getInt32(i * 4, false);
				break;
			case -32:
				stored = view.getFloat32(i * 4, false);
				break;
			case -64:
				stored = view.getFloat64(i * 8, false);
				break;
		}
		out[i] = bzero + bscale * stored;
	}
	return out;
}

function holdsImage(hdu: Hdu): boolean {
	const isImage = hdu.index === 0 || hdu.header.string('XTENSION') === 'IMAGE';
	return isImage && hdu.dataLength > 0;
}

function layoutOf(hdu: Hdu): ImageLayout {
	const header = hdu.header;
	const bitpix = imageBitpix(readBitpix(header));
	const axes = readAxes(header);
	if (axes.length < 2) {
		throw new FitsError(
			'UNSUPPORTED_IMAGE',
			`HDU ${hdu.index} has NAXIS = ${axes.length}; only 2-D images (NAXIS1 = width, NAXIS2 = height) are supported`
		);
	}
	const extra = axes.findIndex((length, i) => i >= 2 && length !== 1);
	if (extra >= 0) {
		throw new FitsError(
			'UNSUPPORTED_IMAGE',
			`HDU ${hdu.index} has NAXIS${extra + 1} = ${axes[extra]}: colour cubes and multi-plane images are not ` +
				`supported yet; only 2-D images (extra axes of length 1, e.g. NAXIS3 = 1)`
		);
	}
	const [width, height] = axes;
	const rowOrder = readRowOrder(header);
	return {
		header,
		width,
		height,
		bitpix,
		bzero: readScale(header, 'BZERO', 0),
		bscale: readScale(header, 'BSCALE', 1),
		bayer: readBayer(header, rowOrder, height),
		rowOrder,
		dataOffset: hdu.dataOffset,
		rowBytes: width * (Math.abs(bitpix) / 8)
	};
}

function imageBitpix(bitpix: number): Bitpix {
	const supported = IMAGE_BITPIX.find((b) => b === bitpix);
	if (supported === undefined) {
		throw new FitsError(
			'UNSUPPORTED_IMAGE',
			`BITPIX = ${bitpix} (64-bit integer) images are not supported; supported: ${IMAGE_BITPIX.join(', ')}`
		);
	}
	return supported;
}

function readScale(header: FitsHeader, key: 'BZERO' | 'BSCALE', missing: number): number {
	if (!header.has(key)) return missing;
	const value = header.get(key);
	if (typeof value !== 'number' || !Number.isFinite(value) || (key === 'BSCALE' && value === 0)) {
		throw new FitsError('BAD_KEYWORD', `${key} = ${show(value)} is not valid; it must be a finite${key === 'BSCALE' ? ', non-zero' : ''} number`);
	}
	return value;
}
