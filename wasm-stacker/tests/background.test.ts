import { describe, expect, it } from 'vitest';
import { robustStats } from './reference';
import { addStars, gauss, rng, starGrid } from './synth';
import { rawKernel } from './wasm';

describe('background and noise', () => {
	it.each([
		{ width: 300, height: 200, sky: 500, sigma: 20 },
		{ width: 1080, height: 960, sky: 2000, sigma: 7 } // large: subsampled
	])('Gaussian noise $width x $height: sky within 5 % and sigma within 2 % of sigma', async ({ width, height, sky, sigma }) => {
		const heap = await rawKernel();
		const n = gauss(rng(width));
		const img = new Float64Array(width * height).map(() => sky + sigma * n());
		addStars(img, width, height, starGrid(width, height, 40, 10, rng(3), [50 * sigma, 200 * sigma], [2.5, 4]));
		const plane = heap.f32(img);
		const out = heap.alloc(8);
		heap.x.background(plane, width, height, heap.alloc(65536 * 8), out);
		const [bg, noise] = heap.readF32(out, 2);
		expect(Math.abs(bg - sky)).toBeLessThan(0.05 * sigma); // faint star wings stay inside the clip
		expect(Math.abs(noise / sigma - 1)).toBeLessThan(0.02);
		// a plain median/MAD is pulled up by the stars; the clipped estimate is closer to the truth
		const plain = robustStats(img);
		expect(Math.abs(noise - sigma)).toBeLessThanOrEqual(Math.abs(plain.sigma - sigma) + 0.01 * sigma);
	});

	it('skips NaN pixels', async () => {
		const heap = await rawKernel();
		const n = gauss(rng(5));
		const img = new Float64Array(100 * 100).map((_, i) => (i % 3 === 0 ? NaN : 100 + 5 * n()));
		const out = heap.alloc(8);
		heap.x.background(heap.f32(img), 100, 100, heap.alloc(65536 * 8), out);
		const [bg, noise] = heap.readF32(out, 2);
		expect(bg).toBeCloseTo(100, 0);
		expect(noise).toBeGreaterThan(4.5);
		expect(noise).toBeLessThan(5.5);
	});
});
