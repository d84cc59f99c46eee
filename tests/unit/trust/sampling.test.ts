import { describe, expect, it } from 'vitest';
import { CHECK_FLOOR, checkShare, drawSample, sampleCount } from '$lib/server/trust';

describe('adaptive spot-check share', () => {
	it('checks all of a new volunteer’s result, less as the clean record grows, never below the floor', () => {
		expect(checkShare({ verified: 0, disagreed: 0, failed: 0 })).toBe(1);
		expect(checkShare({ verified: 9, disagreed: 0, failed: 0 })).toBe(1);
		expect(checkShare({ verified: 20, disagreed: 0, failed: 0 })).toBe(0.5);
		expect(checkShare({ verified: 100, disagreed: 0, failed: 0 })).toBe(CHECK_FLOOR);
		expect(checkShare({ verified: 100_000, disagreed: 0, failed: 0 })).toBe(CHECK_FLOOR);
	});

	it('a disagreement sets a volunteer back to full checks until 25 more results are verified', () => {
		expect(checkShare({ verified: 30, disagreed: 1, failed: 0 })).toBe(1);
		expect(checkShare({ verified: 35, disagreed: 1, failed: 0 })).toBe(1);
		expect(checkShare({ verified: 45, disagreed: 1, failed: 0 })).toBe(0.5);
		expect(checkShare({ verified: 1000, disagreed: 10, failed: 0 })).toBe(CHECK_FLOOR);
	});

	it('draws at least one and at most all, distinct and in range', () => {
		expect(sampleCount(0.1, 60)).toBe(6);
		expect(sampleCount(0.001, 60)).toBe(1);
		expect(sampleCount(1, 60)).toBe(60);
		const seen = new Set<number>();
		for (let i = 0; i < 200; i++) {
			const sample = drawSample(6, 60);
			expect(new Set(sample).size).toBe(6);
			expect(sample.every((b) => Number.isInteger(b) && b >= 0 && b < 60)).toBe(true);
			expect(sample).toEqual([...sample].sort((a, b) => a - b));
			sample.forEach((b) => seen.add(b));
		}
		expect(seen.size).toBe(60); // every band can be drawn
		expect(drawSample(60, 60)).toEqual(Array.from({ length: 60 }, (_, i) => i));
	});
});
