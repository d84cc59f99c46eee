import { describe, expect, it } from 'vitest';
import type { BayerPattern } from '../../src/lib/stacking/types';
import { demosaicMhcRef, demosaicRef } from './reference';
import { cfaColour, rng } from './synth';
import { rawKernel, type Heap } from './wasm';

const PATTERNS: BayerPattern[] = ['RGGB', 'BGGR', 'GRBG', 'GBRG'];
const W = 24;
const H = 17;

function mosaic(pattern: BayerPattern, colour: (c: number, x: number, y: number) => number): Float32Array {
	const out = new Float32Array(W * H);
	for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = colour(cfaColour(pattern, x, y), x, y);
	return out;
}

function run(heap: Heap, cfa: Float32Array, width: number, rows: number, pattern: BayerPattern, stage = 'demosaic'): Float32Array[] {
	const src = heap.f32(cfa);
	const planes = [0, 1, 2].map(() => heap.alloc(width * rows * 4));
	const c = [...pattern].map((ch) => 'RGB'.indexOf(ch));
	heap.x[stage](src, planes[0], planes[1], planes[2], width, rows, c[0], c[1], c[2], c[3]);
	return planes.map((p) => heap.readF32(p, width * rows));
}

/** The bilinear demosaic's luminance, as the kernel computes it: ((R + G) + B) * f32(1/3) in f32. */
function lumaRef(cfa: Float32Array, width: number, rows: number, pattern: BayerPattern): Float32Array {
	const [r, g, b] = demosaicRef(cfa, width, rows, pattern);
	const third = Math.fround(1 / 3);
	return r.map((v, i) => Math.fround(Math.fround(Math.fround(v + g[i]) + b[i]) * third));
}

function luma(heap: Heap, cfa: Float32Array, width: number, rows: number, pattern: BayerPattern): Float32Array {
	const src = heap.f32(cfa);
	const lum = heap.alloc(width * rows * 4);
	const c = [...pattern].map((ch) => 'RGB'.indexOf(ch));
	heap.x.demosaicLuminance(src, lum, width, rows, c[0], c[1], c[2], c[3]);
	return heap.readF32(lum, width * rows);
}

describe('demosaicLuminance (bilinear, for the star search)', () => {
	it.each(PATTERNS)('%s: a flat colour gives its mean everywhere, edges included', async (pattern) => {
		const heap = await rawKernel();
		const lum = luma(heap, mosaic(pattern, (c) => [100, 200, 300][c]), W, H, pattern);
		expect(new Set(lum)).toEqual(new Set([Math.fround(Math.fround(600) * Math.fround(1 / 3))]));
	});

	it.each(PATTERNS)('%s: linear gradients per colour give their mean inside the frame', async (pattern) => {
		const heap = await rawKernel();
		const truth = (c: number, x: number, y: number) => [10 + 2 * x + 3 * y, 500 - x + 0.5 * y, 40 + 4 * y][c];
		const lum = luma(heap, mosaic(pattern, truth), W, H, pattern);
		for (let y = 1; y < H - 1; y++) {
			for (let x = 1; x < W - 1; x++) expect(lum[y * W + x]).toBeCloseTo((truth(0, x, y) + truth(1, x, y) + truth(2, x, y)) / 3, 3);
		}
	});

	it.each(PATTERNS)('%s: random mosaic matches the TS reference bit for bit', async (pattern) => {
		const heap = await rawKernel();
		const rand = rng(7);
		const cfa = Float32Array.from({ length: W * H }, () => 1000 * rand());
		expect(Buffer.from(luma(heap, cfa, W, H, pattern).buffer)).toEqual(Buffer.from(lumaRef(cfa, W, H, pattern).buffer));
	});

	it('a run starting on an odd row, given the shifted pattern, equals the whole frame inside the run', async () => {
		const heap = await rawKernel();
		const rand = rng(8);
		const cfa = Float32Array.from({ length: W * H }, () => 1000 * rand());
		const whole = luma(heap, cfa, W, H, 'GRBG');
		const y0 = 5;
		const rows = 9;
		const part = luma(heap, cfa.slice(y0 * W, (y0 + rows) * W), W, rows, 'BGGR'); // GRBG from row 1
		expect(part.slice(W, (rows - 1) * W)).toEqual(whole.slice((y0 + 1) * W, (y0 + rows - 1) * W));
	});
});

describe('mono', () => {
	it('mono copies the frame into all three planes', async () => {
		const heap = await rawKernel();
		const v = Float32Array.from({ length: 40 }, (_, i) => i * 1.5);
		const src = heap.f32(v);
		const p = [0, 1, 2].map(() => heap.alloc(160));
		heap.x.mono(src, p[0], p[1], p[2], 40);
		for (const plane of p) expect(heap.readF32(plane, 40)).toEqual(v);
	});
});

describe('demosaicMhc (gradient-corrected, the stack path)', () => {
	const mhc = (heap: Heap, cfa: Float32Array, width: number, rows: number, pattern: BayerPattern) => run(heap, cfa, width, rows, pattern, 'demosaicMhc');

	it.each(PATTERNS)('%s: a flat colour gives the same colour everywhere, edges included', async (pattern) => {
		const heap = await rawKernel();
		const [r, g, b] = mhc(heap, mosaic(pattern, (c) => [100, 200, 300][c]), W, H, pattern);
		expect(new Set(r)).toEqual(new Set([100]));
		expect(new Set(g)).toEqual(new Set([200]));
		expect(new Set(b)).toEqual(new Set([300]));
	});

	it.each(PATTERNS)('%s: linear gradients per colour are reproduced 2 px inside the frame', async (pattern) => {
		const heap = await rawKernel();
		const truth = (c: number, x: number, y: number) => [10 + 2 * x + 3 * y, 500 - x + 0.5 * y, 40 + 4 * y][c];
		const planes = mhc(heap, mosaic(pattern, truth), W, H, pattern);
		for (let y = 2; y < H - 2; y++) {
			for (let x = 2; x < W - 2; x++) {
				for (let c = 0; c < 3; c++) expect(planes[c][y * W + x]).toBeCloseTo(truth(c, x, y), 3);
			}
		}
	});

	it.each(PATTERNS)('%s: a star as wide in R and B as in G (the same profile in every colour)', async (pattern) => {
		// bilinear widens R and B (one site in four) and G less; MHC borrows G's detail for R and B
		const heap = await rawKernel();
		const star = (x: number, y: number) => 1000 * Math.exp(-((x - 11.3) ** 2 + (y - 8.6) ** 2) / (2 * 1.1 ** 2));
		const cfa = mosaic(pattern, (_c, x, y) => star(x, y));
		const width = (plane: Float32Array) => {
			let s = 0, sxx = 0;
			for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) (s += plane[y * W + x]), (sxx += plane[y * W + x] * ((x - 11.3) ** 2 + (y - 8.6) ** 2));
			return Math.sqrt(sxx / s / 2);
		};
		const spread = (planes: Float32Array[]) => Math.max(...planes.map(width)) / 1.1 - 1;
		expect(spread(mhc(heap, cfa, W, H, pattern)), 'MHC').toBeLessThan(0.03);
		expect(spread(demosaicRef(cfa, W, H, pattern)), 'bilinear').toBeGreaterThan(0.1);
	});

	it.each(PATTERNS)('%s: random mosaic matches the TS reference bit for bit (vector lanes and edge pixels)', async (pattern) => {
		const heap = await rawKernel();
		const rand = rng(9);
		for (const width of [W, 23, 6, 3]) {
			const cfa = Float32Array.from({ length: width * H }, () => 1000 * rand());
			const got = mhc(heap, cfa, width, H, pattern);
			const want = demosaicMhcRef(cfa, width, H, pattern);
			for (let c = 0; c < 3; c++) expect(Buffer.from(got[c].buffer), `width ${width}, plane ${c}`).toEqual(Buffer.from(want[c].buffer));
		}
	});

	it('a run starting on an odd row, given the shifted pattern, equals the whole frame 2 rows inside the run', async () => {
		const heap = await rawKernel();
		const rand = rng(10);
		const cfa = Float32Array.from({ length: W * H }, () => 1000 * rand());
		const whole = mhc(heap, cfa, W, H, 'GRBG');
		const y0 = 3;
		const rows = 11;
		const part = mhc(heap, cfa.slice(y0 * W, (y0 + rows) * W), W, rows, 'BGGR'); // GRBG from row 1
		for (let c = 0; c < 3; c++) {
			expect(part[c].slice(2 * W, (rows - 2) * W)).toEqual(whole[c].slice((y0 + 2) * W, (y0 + rows - 2) * W));
		}
	});
});
