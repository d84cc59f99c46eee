import { describe, expect, it } from 'vitest';
import { areaAverage, makePreview } from '../../../src/lib/stacking/preview';
import { Rng } from '../../synthetic/rng';

/** Seeded normal deviates (Box-Muller), so the sky is noisy but the test repeatable. */
function gaussian(seed: number): () => number {
	const uniform = new Rng(seed);
	return () => Math.sqrt(-2 * Math.log(uniform.next() + 1e-12)) * Math.cos(2 * Math.PI * uniform.next());
}

/** A sky with a different level per channel (a colour cast) and one bright white star. */
function skyWithStar(width: number, height: number) {
	const noise = gaussian(7);
	const planes = [1200, 1000, 800].map((level) => Float32Array.from({ length: width * height }, () => level + 10 * noise()));
	const star = { x: Math.floor(width / 2), y: Math.floor(height / 2) };
	for (let dy = -6; dy <= 6; dy++)
		for (let dx = -6; dx <= 6; dx++) {
			const v = 30000 * Math.exp(-(dx * dx + dy * dy) / 8);
			for (const p of planes) p[(star.y + dy) * width + star.x + dx] += v;
		}
	return { planes, star };
}

describe('areaAverage', () => {
	it('averages whole blocks exactly for an integer factor', () => {
		const src = Float32Array.from([1, 3, 5, 7, 2, 4, 6, 8]); // 4 x 2
		expect(Array.from(areaAverage(src, 4, 2, 2, 1))).toEqual([2.5, 6.5]);
	});

	it('weights partial pixels by overlap for a fractional factor and keeps a flat field flat', () => {
		const src = Float32Array.from([0, 3, 6]); // 3 x 1 -> 2 x 1: [0, 3 * 0.5] and [3 * 0.5, 6]
		expect(Array.from(areaAverage(src, 3, 1, 2, 1))).toEqual([1, 5]);
		const flat = new Float32Array(7 * 5).fill(42);
		expect(Array.from(areaAverage(flat, 7, 5, 3, 2)).every((v) => Math.abs(v - 42) < 1e-4)).toBe(true);
	});

	it('skips non-finite samples', () => {
		expect(Array.from(areaAverage(Float32Array.from([NaN, 4]), 2, 1, 1, 1))).toEqual([4]);
	});
});

describe('makePreview', () => {
	it('fits the longest side to maxSize and keeps the aspect ratio', () => {
		const p = makePreview(new Float32Array(1080 * 1920), new Float32Array(1080 * 1920), new Float32Array(1080 * 1920), 1080, 1920, 512);
		expect([p.width, p.height]).toEqual([288, 512]);
		expect(p.rgba.length).toBe(288 * 512 * 4);
	});

	it('stretches the sky to a neutral dark grey and keeps a star bright', () => {
		const { planes, star } = skyWithStar(200, 120);
		const p = makePreview(planes[0], planes[1], planes[2], 200, 120, 200);
		const pixel = (x: number, y: number) => Array.from(p.rgba.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 4));
		const skyMeans = [0, 1, 2].map((c) => {
			let sum = 0;
			for (let i = 0; i < p.width * 20; i++) sum += p.rgba[i * 4 + c];
			return sum / (p.width * 20);
		});
		// The colour cast is removed: every channel's sky sits near the 0.25 target (64 of 255).
		for (const m of skyMeans) {
			expect(m).toBeGreaterThan(40);
			expect(m).toBeLessThan(90);
		}
		expect(Math.max(...skyMeans) - Math.min(...skyMeans)).toBeLessThan(6);
		const [r, g, b, a] = pixel(star.x, star.y);
		expect(Math.min(r, g, b)).toBeGreaterThan(240);
		expect(a).toBe(255);
	});

	it('is deterministic and tolerates NaN pixels', () => {
		const { planes } = skyWithStar(64, 48);
		planes[1][5] = NaN;
		const a = makePreview(planes[0], planes[1], planes[2], 64, 48, 32);
		const b = makePreview(planes[0], planes[1], planes[2], 64, 48, 32);
		expect(a.rgba).toEqual(b.rgba);
		expect(a.rgba.every((v) => Number.isFinite(v))).toBe(true);
	});

	it('refuses planes that do not match the size', () => {
		expect(() => makePreview(new Float32Array(5), new Float32Array(6), new Float32Array(6), 3, 2, 10)).toThrow(/red plane has 5 values, expected 3 x 2 = 6/);
		expect(() => makePreview(new Float32Array(6), new Float32Array(6), new Float32Array(6), 3, 2, 0)).toThrow(/maxSize/);
	});
});
