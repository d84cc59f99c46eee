import { describe, expect, it } from 'vitest';
import { decodeToFloat32, type RawImage } from '../../src/lib/fits/image';
import type { Bitpix } from '../../src/lib/stacking/types';
import { encode, rng } from './synth';
import { rawKernel } from './wasm';

/** Stored values spread over each type's range, incl. its extremes. */
function storedValues(bitpix: Bitpix, count: number): number[] {
	const rand = rng(1000 + bitpix);
	const [lo, hi] = bitpix === 8 ? [0, 255] : bitpix === 16 ? [-32768, 32767] : bitpix === 32 ? [-2147483648, 2147483647] : [-1e6, 1e6];
	const v = Array.from({ length: count }, () => lo + (hi - lo) * rand());
	v[0] = lo;
	v[1] = hi;
	return Number.isInteger(lo) && bitpix > 0 ? v.map(Math.round) : v;
}

const CASES: { bitpix: Bitpix; bzero: number; bscale: number }[] = [
	{ bitpix: 8, bzero: 0, bscale: 1 },
	{ bitpix: 8, bzero: -128, bscale: 0.5 },
	{ bitpix: 16, bzero: 32768, bscale: 1 }, // Seestar
	{ bitpix: 16, bzero: 0, bscale: 1 },
	{ bitpix: 16, bzero: 1000.5, bscale: 2.25 },
	{ bitpix: 32, bzero: 2147483648, bscale: 1 },
	{ bitpix: 32, bzero: 10, bscale: 1e-3 },
	{ bitpix: -32, bzero: 0, bscale: 1 },
	{ bitpix: -32, bzero: 5, bscale: 3 },
	{ bitpix: -64, bzero: 0, bscale: 1 },
	{ bitpix: -64, bzero: -7.5, bscale: 0.125 }
];

describe('decode', () => {
	it.each(CASES)('BITPIX $bitpix, BZERO $bzero, BSCALE $bscale equals the reference decoder', async ({ bitpix, bzero, bscale }) => {
		const heap = await rawKernel();
		const width = 37; // odd count: SIMD body plus scalar tail
		const height = 5;
		const stored = storedValues(bitpix, width * height);
		const data = encode(stored, bitpix); // stored values, bzero 0 / bscale 1 in the encoding
		const expected = decodeToFloat32({ width, height, bitpix, bzero, bscale, data } as RawImage);
		const src = heap.bytes(data);
		const dst = heap.alloc(width * height * 4);
		heap.x.decode(src, dst, width * height, bitpix, bzero, bscale);
		const got = heap.readF32(dst, width * height);
		expect(Buffer.from(got.buffer)).toEqual(Buffer.from(expected.buffer));
		// and the textbook formula, independently of the reference decoder
		expect(got[5]).toBe(Math.fround(bzero + bscale * stored[5]));
	});
});
