import { describe, expect, it } from 'vitest';
import { decodeToFloat32, readHdus, readImageHdu, readImageLayout, readRawImage } from '$lib/fits';
import { fitsErrorOf, fixed, handMadeFits, imageCards } from './helpers';

/** Big-endian bytes of `values` as BITPIX stores them, written with DataView by hand. */
function storedBytes(bitpix: number, values: number[]): Uint8Array {
	const size = Math.abs(bitpix) / 8;
	const view = new DataView(new ArrayBuffer(values.length * size));
	values.forEach((v, i) => {
		if (bitpix === 8) view.setUint8(i, v);
		if (bitpix === 16) view.setInt16(i * 2, v);
		if (bitpix === 32) view.setInt32(i * 4, v);
		if (bitpix === -32) view.setFloat32(i * 4, v);
		if (bitpix === -64) view.setFloat64(i * 8, v);
	});
	return new Uint8Array(view.buffer);
}

const CASES: { bitpix: number; stored: number[]; bzero?: number; bscale?: number; physical: number[] }[] = [
	{ bitpix: 8, stored: [0, 1, 127, 255], bzero: -128, physical: [-128, -127, -1, 127] },
	{ bitpix: 16, stored: [-32768, -1, 0, 32767], bzero: 32768, physical: [0, 32767, 32768, 65535] },
	{ bitpix: 16, stored: [-2, 0, 3, 100], bscale: 0.5, bzero: 1, physical: [0, 1, 2.5, 51] },
	{ bitpix: 32, stored: [-2147483648, -1, 7, 2147483647], bscale: 2, bzero: -10, physical: [-4294967306, -12, 4, 4294967284] },
	{ bitpix: -32, stored: [1.5, -0.25, NaN, 3.0e38], physical: [1.5, -0.25, NaN, 3.0e38] },
	{ bitpix: -64, stored: [1e-300, 0.1, -2.5, 1e10], physical: [0, 0.1, -2.5, 1e10] },
	{ bitpix: -64, stored: [1, 2, 3, 4], bzero: 100, bscale: -1, physical: [99, 98, 97, 96] }
];

describe('decodeToFloat32 (reference decoder)', () => {
	it.each(CASES)('BITPIX $bitpix, BZERO $bzero, BSCALE $bscale', ({ bitpix, stored, bzero, bscale, physical }) => {
		const cards = [...imageCards(bitpix, 2, 2)];
		if (bzero !== undefined) cards.push(fixed('BZERO', bzero));
		if (bscale !== undefined) cards.push(fixed('BSCALE', bscale));
		const img = readRawImage(handMadeFits(cards, storedBytes(bitpix, stored)));
		expect(img.bitpix).toBe(bitpix);
		expect(decodeToFloat32(img)).toEqual(Float32Array.from(physical));
	});

	it('keeps storage order: index = y * width + x', () => {
		const img = readRawImage(handMadeFits(imageCards(16, 3, 2), storedBytes(16, [0, 1, 2, 10, 11, 12])));
		expect(Array.from(decodeToFloat32(img))).toEqual([0, 1, 2, 10, 11, 12]);
	});

	it('refuses pixel data shorter than the image', () => {
		const img = readRawImage(handMadeFits(imageCards(16, 2, 2), storedBytes(16, [1, 2, 3, 4])));
		const short = { ...img, data: img.data.subarray(0, 6) };
		expect(fitsErrorOf(() => decodeToFloat32(short), 'TRUNCATED')).toBe('image data has 6 bytes but 2 x 2 pixels of BITPIX 16 need 8');
	});
});

describe('HDU walking', () => {
	const primary = handMadeFits([fixed('SIMPLE', 'T'), fixed('BITPIX', 8), fixed('NAXIS', 0), fixed('EXTEND', 'T')]);
	const imageExt = handMadeFits(
		[
			"XTENSION= 'IMAGE   '",
			fixed('BITPIX', 16),
			fixed('NAXIS', 2),
			fixed('NAXIS1', 2),
			fixed('NAXIS2', 1),
			fixed('PCOUNT', 0),
			fixed('GCOUNT', 1),
			"EXTNAME = 'SCI'"
		],
		storedBytes(16, [5, -5])
	);
	const table = handMadeFits(
		["XTENSION= 'BINTABLE'", fixed('BITPIX', 8), fixed('NAXIS', 2), fixed('NAXIS1', 8), fixed('NAXIS2', 3), fixed('PCOUNT', 100), fixed('GCOUNT', 1), fixed('TFIELDS', 1), "TFORM1  = '1PB(10)'"],
		new Uint8Array(124)
	);

	it('finds the image in an extension after an empty primary HDU, and sizes a table with a heap', () => {
		const bytes = new Uint8Array([...primary, ...table, ...imageExt]);
		const hdus = readHdus(bytes);
		expect(hdus.map((h) => [h.index, h.headerOffset, h.dataOffset, h.dataLength])).toEqual([
			[0, 0, 2880, 0],
			[1, 2880, 5760, 8 * 3 + 100],
			[2, 8640, 11520, 4]
		]);
		const img = readRawImage(bytes);
		expect(img.header.string('EXTNAME')).toBe('SCI');
		expect(img.dataOffset).toBe(11520);
		expect(Array.from(decodeToFloat32(img))).toEqual([5, -5]);
	});

	it('reads the layout of an extension image from a prefix, asking for more bytes when it stops short', () => {
		const bytes = new Uint8Array([...primary, ...imageExt]);
		expect(readImageLayout(bytes.subarray(0, 5760), bytes.length)).toMatchObject({ width: 2, height: 1, dataOffset: 5760 });
		expect(fitsErrorOf(() => readImageLayout(bytes.subarray(0, 2880), bytes.length), 'HEADER_INCOMPLETE')).toMatch(
			/the header of HDU 1 continues past the first 2880 bytes read/
		);
	});

	it('readImageHdu refuses HDUs that are not images', () => {
		const bytes = new Uint8Array([...primary, ...table, ...imageExt]);
		const hdus = readHdus(bytes);
		expect(fitsErrorOf(() => readImageHdu(bytes, hdus[0], 'x.fits'), 'NO_IMAGE')).toBe('x.fits: HDU 0 is an empty primary HDU, not an image');
		expect(fitsErrorOf(() => readImageHdu(bytes, hdus[1]), 'NO_IMAGE')).toBe('HDU 1 is a BINTABLE extension, not an image');
		expect(readImageHdu(bytes, hdus[2]).data.length).toBe(4);
	});

	it('ignores trailing padding that is not an extension', () => {
		const bytes = new Uint8Array([...primary, ...imageExt, ...new Uint8Array(2880)]);
		expect(readHdus(bytes)).toHaveLength(2);
	});

	it('refuses a truncated extension header', () => {
		const bytes = new Uint8Array([...primary, ...imageExt.subarray(0, 500)]);
		expect(fitsErrorOf(() => readHdus(bytes), 'HEADER_TRUNCATED')).toMatch(/the header at byte 2880 has no END card/);
	});

	it('sizes random-groups data without NAXIS1', () => {
		const groups = handMadeFits(
			[fixed('SIMPLE', 'T'), fixed('BITPIX', -32), fixed('NAXIS', 3), fixed('NAXIS1', 0), fixed('NAXIS2', 3), fixed('NAXIS3', 2), fixed('GROUPS', 'T'), fixed('PCOUNT', 2), fixed('GCOUNT', 5)],
			new Uint8Array(160)
		);
		expect(readHdus(groups)[0].dataLength).toBe(4 * 5 * (2 + 3 * 2));
	});
});
