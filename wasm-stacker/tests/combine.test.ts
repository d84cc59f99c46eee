import { describe, expect, it } from 'vitest';
import { type Kernel, sourceRows } from '../../src/lib/stacking/kernel';
import type { Affine, BandFrame, BandResult, FramePixels } from '../../src/lib/stacking/types';
import { loadKernel } from '../../src/lib/stacking/kernel/node';
import { stdDev } from './reference';
import { addStars, encode, floatFrame, gauss, rng, starGrid } from './synth';

const W = 96;
const H = 64;
const SKY = 1000;
const NOISE = 10;
const IDENTITY: Affine = [1, 0, 0, 0, 1, 0];

/** N mono frames of sky + noise + a few stars, identical but for the noise; `edit` may add defects. */
function frames(n: number, seed: number, edit: (img: Float64Array, i: number) => void = () => {}): Float64Array[] {
	const rand = rng(seed);
	const g = gauss(rand);
	const stars = starGrid(W, H, 30, 15, rand, [200, 2000], [3, 4]);
	return Array.from({ length: n }, (_, i) => {
		const img = new Float64Array(W * H).map(() => SKY + NOISE * g());
		addStars(img, W, H, stars);
		edit(img, i);
		return img;
	});
}

function bandFrame(pixels: FramePixels, refToFrame = IDENTITY, noise = NOISE): BandFrame {
	return { pixels, refToFrame, scale: [1, 1, 1], offset: [SKY, SKY, SKY], target: [0, 0, 0], weight: 1, noise: [noise, noise, noise] };
}

function combine(kernel: Kernel, imgs: Float64Array[]): BandResult {
	return kernel.combineBand(0, H, W, imgs.map((img) => bandFrame(floatFrame(img, W, H))));
}

/** A satellite trail across frame `at`: a 2-px line, `amp` above the sky. */
function trail(amp: number, at: number) {
	return (img: Float64Array, i: number) => {
		if (i !== at) return;
		for (let x = 0; x < W; x++) {
			const y = Math.round(10 + 0.5 * x);
			if (y + 1 < H) {
				img[y * W + x] += amp;
				img[(y + 1) * W + x] += amp;
			}
		}
	};
}

/** Hot pixels that move from frame to frame (dithering), 3 per frame. */
function movingHotPixels(img: Float64Array, i: number) {
	for (let k = 0; k < 3; k++) img[(20 + 9 * k) * W + 5 + 7 * i + 13 * k] += 3000;
}

describe('combineBand', () => {
	it.each([6, 40])('noise of %i combined frames is at least 0.9 sqrt(N) below one frame', async (n) => {
		const kernel = await loadKernel();
		const rand = gauss(rng(100 + n));
		const imgs = Array.from({ length: n }, () => new Float64Array(W * H).map(() => SKY + NOISE * rand()));
		const result = combine(kernel, imgs);
		const single = stdDev(imgs[0]);
		const stacked = stdDev(result.g);
		expect(single / stacked).toBeGreaterThanOrEqual(0.9 * Math.sqrt(n));
		expect(result.rejected / (n * W * H)).toBeLessThan(0.02);
	});

	it.each([6, 40])('a satellite trail in one of %i frames leaves no residual above 3 sigma of the stack noise', async (n) => {
		const kernel = await loadKernel();
		for (const amp of [8 * NOISE, 50 * NOISE, 5000]) {
			const clean = combine(kernel, frames(n, 7));
			const dirty = combine(kernel, frames(n, 7, trail(amp, n >> 1)));
			const stackNoise = stdDev(clean.g.filter((_, i) => i % W < 10)); // a star-free strip
			let worst = 0;
			for (let i = 0; i < W * H; i++) worst = Math.max(worst, Math.abs(dirty.g[i] - clean.g[i]));
			expect(worst, `trail of ${amp}`).toBeLessThan(3 * stackNoise);
			expect(dirty.rejected).toBeGreaterThan(clean.rejected);
		}
	});

	it.each([6, 40])('hot pixels that move between %i frames are rejected', async (n) => {
		const kernel = await loadKernel();
		const clean = combine(kernel, frames(n, 9));
		const dirty = combine(kernel, frames(n, 9, movingHotPixels));
		const stackNoise = stdDev(clean.g.filter((_, i) => i % W < 10));
		let worst = 0;
		for (let i = 0; i < W * H; i++) worst = Math.max(worst, Math.abs(dirty.g[i] - clean.g[i]));
		expect(worst).toBeLessThan(3 * stackNoise);
	});

	it('keeps every sample of clean frames at star cores too, and reports coverage', async () => {
		const kernel = await loadKernel();
		const result = combine(kernel, frames(6, 11));
		expect(result.rejected / (6 * W * H)).toBeLessThan(0.01);
		expect(Math.min(...result.coverage)).toBeGreaterThanOrEqual(4);
		expect(Math.max(...result.coverage)).toBe(6);
	});

	it('mean, median and NaN where no frame covers a pixel', async () => {
		const kernel = await loadKernel();
		const imgs = [1, 2, 9].map((v) => new Float64Array(W * H).fill(v));
		const shifted: Affine = [1, 0, 40, 0, 1, 0]; // frame 2 covers only x <= W - 41
		const bf = imgs.map((img, i) => ({ ...bandFrame(floatFrame(img, W, H), i === 2 ? shifted : IDENTITY), offset: [0, 0, 0] as [number, number, number] }));
		const mean = kernel.combineBand(0, H, W, bf, { method: 'mean' });
		expect(mean.r[0]).toBeCloseTo(4, 5);
		expect(mean.r[W - 1]).toBeCloseTo(1.5, 5);
		expect([mean.coverage[0], mean.coverage[W - 1]]).toEqual([3, 2]);
		const median = kernel.combineBand(0, H, W, bf, { method: 'median' });
		expect(median.g[0]).toBe(2);
		const none = kernel.combineBand(0, 4, W, [{ ...bf[0], refToFrame: [1, 0, 500, 0, 1, 0] }]);
		expect(none.r.every(Number.isNaN)).toBe(true);
		expect(none.coverage.every((c) => c === 0)).toBe(true);
	});

	it('refuses frames that do not hold the rows the band needs, naming them', async () => {
		const kernel = await loadKernel();
		const img = frames(1, 1)[0];
		const part: FramePixels = { ...floatFrame(img, W, H), y0: 0, rows: 20 };
		expect(() => kernel.combineBand(30, 10, W, [bandFrame(part)])).toThrow(/holds rows \[0, 20\) but the band needs/);
	});
});

describe('combineBand is deterministic and independent of banding', () => {
	/** Six rotated and shifted 16-bit GRBG frames, with a trail and hot pixels. */
	async function setup() {
		const kernel = await loadKernel();
		const rand = rng(21);
		const g = gauss(rand);
		const stars = starGrid(W, H, 20, 8, rand, [500, 5000], [2.5, 4]);
		const transforms: Affine[] = Array.from({ length: 6 }, (_, i) => {
			const t = (i - 2.5) * 0.01;
			return [Math.cos(t), -Math.sin(t), 1.3 * i - 3.1, Math.sin(t), Math.cos(t), 0.7 * i - 1.9];
		});
		const frames = transforms.map((t, i) => {
			const img = new Float64Array(W * H).map(() => SKY + NOISE * g());
			addStars(img, W, H, stars.map((s) => ({ ...s, x: t[0] * s.x + t[1] * s.y + t[2], y: t[3] * s.x + t[4] * s.y + t[5] })));
			trail(300, 2)(img, i);
			movingHotPixels(img, i);
			const data = encode(img, 16, 32768, 1);
			const pixels: FramePixels = { data, y0: 0, rows: H, width: W, height: H, bitpix: 16, bzero: 32768, bscale: 1, bayer: 'GRBG' };
			return { ...bandFrame(pixels, t), scale: [1, 1.1, 0.9] as [number, number, number], weight: 1 + i / 10 };
		});
		return { kernel, frames };
	}

	/** The bands' planes stitched in order, as bytes: r, g, b, then coverage. */
	const bytes = (bands: BandResult[]) =>
		Buffer.concat((['r', 'g', 'b', 'coverage'] as const).flatMap((k) => bands.map((b) => Buffer.from(b[k].buffer, b[k].byteOffset, b[k].byteLength))));

	it('whole image vs bands of odd sizes (frames cut to sourceRows) -> identical bytes; two runs -> identical bytes', async () => {
		const { kernel, frames } = await setup();
		const whole = kernel.combineBand(0, H, W, frames);
		const again = (await loadKernel()).combineBand(0, H, W, frames);
		expect(bytes([again]).equals(bytes([whole]))).toBe(true);
		const sizes = [7, 13, 1, 29, 3, 11];
		expect(sizes.reduce((a, b) => a + b)).toBe(H);
		const bands: BandResult[] = [];
		let y0 = 0;
		for (const rows of sizes) {
			const cut = frames.map((f) => {
				const [s0, s1] = sourceRows(f.refToFrame, y0, rows, W, H);
				const rb = W * 2;
				return { ...f, pixels: { ...f.pixels, data: f.pixels.data.slice(s0 * rb, s1 * rb), y0: s0, rows: s1 - s0 } };
			});
			bands.push(kernel.combineBand(y0, rows, W, cut));
			y0 += rows;
		}
		expect(bytes(bands).equals(bytes([whole]))).toBe(true);
		expect(bands.reduce((a, b) => a + b.rejected, 0)).toBe(whole.rejected);
		expect(whole.rejected).toBeGreaterThan(0);
	});
});
