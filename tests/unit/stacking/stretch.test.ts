import { describe, expect, it } from 'vitest';
import { AUTO_SHADOWS, autoStretch, channelStats, mtf, renderStretch } from '../../../src/lib/stacking/stretch';

/** A seeded sky: background + noise per channel, and a few bright stars. */
function sky(width: number, height: number) {
	let seed = 7;
	const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	const plane = (bg: number) =>
		Float32Array.from({ length: width * height }, (_, i) => bg + (rand() - 0.5) * 0.02 + (i % 97 === 0 ? 0.8 : 0));
	return { width, height, r: plane(0.1), g: plane(0.12), b: plane(0.08) };
}

describe('mtf', () => {
	it('maps 0, m and 1 to 0, 0.5 and 1, and is the identity for m = 0.5', () => {
		expect(mtf(0.1, 0)).toBe(0);
		expect(mtf(0.1, 0.1)).toBeCloseTo(0.5, 12);
		expect(mtf(0.1, 1)).toBe(1);
		expect(mtf(0.5, 0.3)).toBeCloseTo(0.3, 12);
	});
});

describe('channelStats', () => {
	it('gives the median, the MAD as a normal sigma and the range of the finite values', () => {
		const s = channelStats(Float32Array.from([1, 2, 3, 4, 100, NaN, Infinity]));
		expect(s).toEqual({ median: 3, sigma: 1 * 1.4826, min: 1, max: 100 });
		expect(channelStats(Float32Array.from([NaN]))).toEqual({ median: 0, sigma: 0, min: 0, max: 1 });
	});
});

describe('stretch', () => {
	const p = sky(60, 40);

	it('Auto puts the black point 2.8 σ below the sky, and leaves a featureless frame linear', () => {
		const stats = [p.r, p.g, p.b].map(channelStats);
		expect(autoStretch(stats).shadows).toBe(AUTO_SHADOWS);
		expect(AUTO_SHADOWS).toBe(-2.8);
		const flat = { median: 1, sigma: 0, min: 1, max: 1 };
		expect(autoStretch([flat, flat, flat]).midtones).toBe(0.5);
	});

	it('puts the sky background near 25 % after Auto, and a higher black point darkens it', () => {
		const stats = [p.r, p.g, p.b].map(channelStats);
		const out = new Uint8ClampedArray(p.width * p.height * 4);
		const auto = autoStretch(stats);
		renderStretch(p, stats, auto, out);
		const green = Array.from({ length: p.width * p.height }, (_, i) => out[i * 4 + 1]).sort((a, b) => a - b);
		expect(green[green.length >> 1]).toBeGreaterThan(55);
		expect(green[green.length >> 1]).toBeLessThan(75);
		renderStretch(p, stats, { ...auto, shadows: 1 }, out);
		const darker = Array.from({ length: p.width * p.height }, (_, i) => out[i * 4 + 1]).sort((a, b) => a - b);
		expect(darker[darker.length >> 1]).toBeLessThan(green[green.length >> 1]);
		expect(out[3]).toBe(255);
	});

	it('paints a pixel without value black', () => {
		const holed = { ...p, g: p.g.slice() };
		holed.g[0] = NaN;
		const stats = [holed.r, holed.g, holed.b].map(channelStats);
		const out = new Uint8ClampedArray(p.width * p.height * 4);
		renderStretch(holed, stats, autoStretch(stats), out);
		expect(out[1]).toBe(0);
		expect(out[3]).toBe(255);
	});
});
