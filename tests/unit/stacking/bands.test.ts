import { describe, expect, it } from 'vitest';
import { DEFAULT_BAND_MEMORY_BYTES, planBands } from '../../../src/lib/stacking/bands';
import { mapLimited } from '../../../src/lib/stacking/map-limited';

describe('planBands', () => {
	it('covers every row once, in order', () => {
		const bands = planBands(1920, 1080, 6, 256 * 2 ** 20, 2);
		expect(bands[0].y0).toBe(0);
		for (let i = 1; i < bands.length; i++) expect(bands[i].y0).toBe(bands[i - 1].y0 + bands[i - 1].rows);
		expect(bands.at(-1)!.y0 + bands.at(-1)!.rows).toBe(1920);
	});

	it('keeps frames x rows x width x 12 bytes within the budget', () => {
		const budget = 256 * 2 ** 20;
		const bands = planBands(1920, 1080, 360, budget, 2);
		for (const b of bands) expect(360 * b.rows * 1080 * 12).toBeLessThanOrEqual(budget);
		expect(bands.length).toBeGreaterThanOrEqual(Math.ceil((360 * 1920 * 1080 * 12) / budget));
	});

	it('holds the default budget in total whatever the frame count, so memory stays flat in N', () => {
		// as stackFrames plans: the total split over the threads; the bands in flight hold at most
		// threads x the largest band's warped planes
		const threads = 2;
		const held = [6, 90, 360].map((frames) => {
			const bands = planBands(1920, 1080, frames, DEFAULT_BAND_MEMORY_BYTES / threads, threads);
			return threads * Math.max(...bands.map((b) => frames * b.rows * 1080 * 12));
		});
		console.log(`band memory in flight, 2 threads, N = 6 / 90 / 360: ${held.map((b) => (b / 2 ** 20).toFixed(1)).join(' / ')} MB`);
		for (const bytes of held) expect(bytes).toBeLessThanOrEqual(DEFAULT_BAND_MEMORY_BYTES);
		expect(DEFAULT_BAND_MEMORY_BYTES).toBeLessThanOrEqual(128 * 2 ** 20);
	});

	it('gives every thread several bands, and never more bands than rows', () => {
		expect(planBands(1920, 1080, 6, 256 * 2 ** 20, 2).length).toBe(8);
		expect(planBands(3, 10, 1, 1e9, 4).map((b) => b.rows)).toEqual([1, 1, 1]);
	});
});

describe('mapLimited', () => {
	it('keeps input order and never runs more than the limit at once', async () => {
		let running = 0;
		let peak = 0;
		const out = await mapLimited([5, 1, 4, 2, 3], 2, async (v) => {
			peak = Math.max(peak, ++running);
			await new Promise((r) => setTimeout(r, v));
			running--;
			return v * 10;
		});
		expect(out).toEqual([50, 10, 40, 20, 30]);
		expect(peak).toBe(2);
	});
});
