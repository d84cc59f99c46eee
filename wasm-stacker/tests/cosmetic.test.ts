import { describe, expect, it } from 'vitest';
import { cosmeticRef } from './reference';
import { addStars, cfaColour, gauss, rng, starGrid } from './synth';
import { rawKernel, type Heap } from './wasm';

const W = 160;
const H = 120;
const K = 6;
const RATIO = 4;
const SKY = 1000;
const NOISE = 10;

/** A GRBG mosaic: noise, stars (colours differ per channel), and planted hot pixels. */
function scene(seed: number, hot: [number, number][]) {
	const rand = rng(seed);
	const n = gauss(rand);
	const img = new Float64Array(W * H);
	for (let i = 0; i < img.length; i++) img[i] = SKY + NOISE * n();
	const stars = starGrid(W, H, 20, 10, rand, [300, 3000], [2, 4]);
	addStars(img, W, H, stars, (x, y) => [0.6, 1, 0.4][cfaColour('GRBG', x, y)]);
	for (const [x, y] of hot) img[y * W + x] += 500 + 2000 * rand();
	return { cfa: Float32Array.from(img), stars };
}

function run(heap: Heap, cfa: Float32Array, width: number, rows: number, step: number): [Float32Array, number] {
	const src = heap.f32(cfa);
	const dst = heap.alloc(cfa.length * 4);
	const count = heap.x.cosmetic(src, dst, width, rows, step, K, RATIO, heap.alloc(32));
	return [heap.readF32(dst, cfa.length), count];
}

describe('cosmetic correction', () => {
	const hot: [number, number][] = [[20, 40], [61, 20], [100, 81], [141, 100], [40, 101], [120, 60]]; // between the stars

	it('replaces planted hot pixels by their neighbours and leaves the stars', async () => {
		const heap = await rawKernel();
		const { cfa, stars } = scene(1, hot);
		const [out, count] = run(heap, cfa, W, H, 2);
		for (const [x, y] of hot) expect(Math.abs(out[y * W + x] - SKY)).toBeLessThan(5 * NOISE);
		for (const s of stars) {
			const i = Math.round(s.y) * W + Math.round(s.x);
			expect(out[i]).toBe(cfa[i]);
		}
		expect(count).toBeGreaterThanOrEqual(hot.length);
		expect(count).toBeLessThan(hot.length + 3); // few false alarms on noise
	});

	it('matches the TS reference exactly, on a mosaic and on a mono frame', async () => {
		const heap = await rawKernel();
		const { cfa } = scene(2, hot);
		for (const step of [2, 1]) {
			const [out, count] = run(heap, cfa, W, H, step);
			const [want, wantCount] = cosmeticRef(cfa, W, H, step, K, RATIO);
			expect(count).toBe(wantCount);
			expect(Buffer.from(out.buffer)).toEqual(Buffer.from(want.buffer));
		}
	});

	it('leaves a hot pixel alone when one of its same-colour neighbours is NaN (blank), at any lane', async () => {
		const heap = await rawKernel();
		const { cfa } = scene(4, hot);
		const [clean] = run(heap, cfa, W, H, 2);
		for (const [x, y] of hot) expect(clean[y * W + x]).not.toBe(cfa[y * W + x]);
		// each hot pixel gets a NaN at a different one of its 8 neighbours
		const ring = [[-2, 0], [2, 0], [0, -2], [0, 2], [-2, -2], [2, -2], [-2, 2], [2, 2]];
		const blank = cfa.slice();
		hot.forEach(([x, y], i) => (blank[(y + ring[i][1]) * W + x + ring[i][0]] = NaN));
		const [out] = run(heap, blank, W, H, 2);
		for (const [x, y] of hot) expect(out[y * W + x]).toBe(cfa[y * W + x]);
	});

	it('is local: a run of rows gives the whole-frame result 3 rows inside the run', async () => {
		const heap = await rawKernel();
		const { cfa } = scene(3, hot);
		const [whole] = run(heap, cfa, W, H, 2);
		const y0 = 27;
		const rows = 70;
		const [part] = run(heap, cfa.slice(y0 * W, (y0 + rows) * W), W, rows, 2);
		expect(part.slice(3 * W, (rows - 3) * W)).toEqual(whole.slice((y0 + 3) * W, (y0 + rows - 3) * W));
	});
});
