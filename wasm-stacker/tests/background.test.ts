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
		heap.x.background(plane, width, height, heap.alloc(65536 * 12), out);
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
		heap.x.background(heap.f32(img), 100, 100, heap.alloc(65536 * 12), out);
		const [bg, noise] = heap.readF32(out, 2);
		expect(bg).toBeCloseTo(100, 0);
		expect(noise).toBeGreaterThan(4.5);
		expect(noise).toBeLessThan(5.5);
	});

	it.each([
		{ width: 257, height: 130, quantum: 16 },
		{ width: 1080, height: 1920, quantum: 16 },
		{ width: 1080, height: 1920, quantum: 0 }
	])('equals the plain statement of the rule bit for bit, with stars and NaN, $width x $height, values in steps of $quantum', async ({ width, height, quantum }) => {
		const heap = await rawKernel();
		const n = gauss(rng(width + height + quantum));
		// steps of 16 (12-bit Seestar data scaled by 16): long runs of equal values for the selection
		const q = (v: number) => (quantum ? quantum * Math.round(v / quantum) : v);
		const img = new Float64Array(width * height).map(() => 3200 + 48 * n());
		addStars(img, width, height, starGrid(width, height, 30, 10, rng(4), [500, 5000], [2.5, 4]));
		img.forEach((v, i) => (img[i] = i % 97 === 0 ? NaN : q(v)));
		const out = heap.alloc(8);
		heap.x.background(heap.f32(img), width, height, heap.alloc(65536 * 12), out);
		expect(Array.from(heap.readF32(out, 2))).toEqual(backgroundRef(Float32Array.from(img), width, height));
	});
});

/** The background rule in f32 arithmetic: subsample, median and 1.4826 MAD, then again on the samples
 * within 3 sigma until none is dropped (at most 5 times). */
function backgroundRef(img: Float32Array, width: number, height: number): number[] {
	const f = Math.fround;
	const step = Math.max(1, Math.ceil(Math.sqrt((width * height) / 65536)));
	let v: number[] = [];
	for (let y = step >> 1; y < height; y += step) for (let x = step >> 1; x < width; x += step) if (!Number.isNaN(img[y * width + x])) v.push(img[y * width + x]);
	const median = (a: number[]) => {
		const s = [...a].sort((p, q) => p - q);
		const k = s.length >> 1;
		return s.length % 2 ? s[k] : f(f(s[k - 1] + s[k]) * 0.5);
	};
	const measure = () => {
		const m = median(v);
		return [m, f(f(1.4826) * median(v.map((x) => Math.abs(f(x - m)))))];
	};
	let [m, sigma] = measure();
	for (let it = 0; it < 5 && sigma > 0; it++) {
		const lo = f(m - f(3 * sigma));
		const hi = f(m + f(3 * sigma));
		const kept = v.filter((x) => x >= lo && x <= hi);
		if (kept.length === v.length || kept.length === 0) break;
		v = kept;
		[m, sigma] = measure();
	}
	return [m, sigma];
}
