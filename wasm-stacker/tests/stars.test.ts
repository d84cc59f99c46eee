import { describe, expect, it } from 'vitest';
import type { BayerPattern, Star } from '../../src/lib/stacking/types';
import { loadKernel } from '../../src/lib/stacking/kernel/node';
import { addStars, cfaColour, floatFrame, gauss, rng, starGrid, type TestStar } from './synth';

const W = 320;
const H = 256;
const SKY = 1000;

function field(seed: number, noise: number, amp: [number, number], bayer: BayerPattern | null = null) {
	const rand = rng(seed);
	const n = gauss(rand);
	const truth = starGrid(W, H, 36, 24, rand, amp, [2.5, 5]);
	const img = new Float64Array(W * H).map(() => SKY + noise * n());
	addStars(img, W, H, truth, bayer ? (x, y) => [0.7, 1, 0.5][cfaColour(bayer, x, y)] : undefined);
	return { frame: floatFrame(img, W, H, bayer), truth };
}

/** For every true star, the detected star nearest to it (within 1.5 px). */
function pair(truth: TestStar[], found: Star[]): [TestStar, Star][] {
	return truth.map((t) => {
		const near = found.filter((s) => Math.hypot(s.x - t.x, s.y - t.y) < 1.5);
		expect(near, `star at ${t.x.toFixed(2)}, ${t.y.toFixed(2)}`).toHaveLength(1);
		return [t, near[0]];
	});
}

const rms = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + b * b, 0) / v.length);

describe('star detection', () => {
	it('finds every noiseless Gaussian star: centroid error < 0.02 px, FWHM within 5 %', async () => {
		const kernel = await loadKernel();
		const { frame, truth } = field(1, 0, [300, 5000]);
		const a = kernel.analyse(frame);
		expect(a.stars).toHaveLength(truth.length);
		for (const [t, s] of pair(truth, a.stars)) {
			expect(Math.hypot(s.x - t.x, s.y - t.y)).toBeLessThan(0.02);
			expect(Math.abs(s.fwhm / t.fwhm - 1)).toBeLessThan(0.05);
			expect(s.a / s.b).toBeLessThan(1.05);
			expect(s.peak).toBeGreaterThan(0.8 * t.amp);
			expect(s.flux / (2 * Math.PI * t.amp * (t.fwhm / 2.3548200450309493) ** 2)).toBeCloseTo(1, 1);
		}
		// brightest first
		for (let i = 1; i < a.stars.length; i++) expect(a.stars[i].flux).toBeLessThanOrEqual(a.stars[i - 1].flux);
	});

	it('noisy stars (peak SNR 30-300): centroid RMS < 0.05 px, FWHM within 5 % on average', async () => {
		const kernel = await loadKernel();
		const { frame, truth } = field(2, 10, [300, 3000]);
		const a = kernel.analyse(frame);
		const pairs = pair(truth, a.stars);
		expect(a.stars.length).toBeLessThanOrEqual(truth.length + 2); // hardly any noise peaks
		expect(rms(pairs.map(([t, s]) => Math.hypot(s.x - t.x, s.y - t.y)))).toBeLessThan(0.05);
		const ratio = pairs.reduce((acc, [t, s]) => acc + s.fwhm / t.fwhm, 0) / pairs.length;
		expect(Math.abs(ratio - 1)).toBeLessThan(0.05);
		expect(a.noise[1]).toBeCloseTo(10, 0);
		expect(a.background[1]).toBeCloseTo(SKY, -1);
	});

	it('stars on a Bayer mosaic (coloured, demosaicked): centroid RMS < 0.05 px', async () => {
		const kernel = await loadKernel();
		const { frame, truth } = field(3, 5, [1000, 8000], 'GRBG');
		const a = kernel.analyse(frame);
		const pairs = pair(truth, a.stars);
		expect(rms(pairs.map(([t, s]) => Math.hypot(s.x - t.x, s.y - t.y)))).toBeLessThan(0.05);
	});

	it('caps the list at maxStars, keeping the brightest', async () => {
		const kernel = await loadKernel();
		const { frame, truth } = field(4, 0, [300, 5000]);
		const a = kernel.analyse(frame, { maxStars: 5 });
		expect(a.stars).toHaveLength(5);
		const brightest = truth.map((t) => t.amp * t.fwhm ** 2).sort((x, y) => y - x);
		expect(a.stars[4].flux).toBeGreaterThan(0.9 * 2 * Math.PI * (brightest[4] / 2.3548200450309493 ** 2));
	});

	it('rejects saturated stars, hot pixels and elongated streaks', async () => {
		const kernel = await loadKernel();
		const img = new Float64Array(W * H).fill(SKY);
		addStars(img, W, H, [{ x: 100.3, y: 100.6, amp: 3000, fwhm: 3 }]);
		img[200 * W + 50] += 5000; // a single bright pixel
		for (let x = 150; x < 170; x++) addStars(img, W, H, [{ x, y: 60 + 0.1 * x, amp: 400, fwhm: 2.5 }]); // a streak
		const frame = { ...floatFrame(img, W, H), bitpix: -32 as const };
		const a = kernel.analyse(frame);
		expect(a.stars.map((s) => [Math.round(s.x), Math.round(s.y)])).toEqual([[100, 101]]);
		// the same star clipped at the 16-bit ceiling is not measured
		const clipped = Float64Array.from(img, (v) => Math.min(v, 2200));
		const sat = kernel.analyse({ ...floatFrame(clipped, W, H), data: encode16(clipped), bitpix: 16, bzero: 0, bscale: 1 / 15 });
		expect(sat.stars.filter((s) => Math.hypot(s.x - 100.3, s.y - 100.6) < 2)).toHaveLength(0);
	});
});

/** 16-bit with BSCALE 1/15: 2200 physical is stored as 33000 -> clipped to 32767, the saturation ceiling. */
function encode16(values: Float64Array): Uint8Array {
	const out = new Uint8Array(values.length * 2);
	const view = new DataView(out.buffer);
	values.forEach((v, i) => view.setInt16(i * 2, Math.min(32767, Math.round(v * 15))));
	return out;
}
