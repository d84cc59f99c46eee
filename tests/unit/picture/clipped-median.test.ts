// The sky tiles' clipped median (sorted once, clipped as runs) against the definition: median and
// 1.4826 × MAD (deviations held as f32), values outside 3 σ dropped, again, up to 4 rounds.
import { describe, expect, it } from 'vitest';
import { clippedMedian, clipWork } from '../../../src/lib/picture/clipped-median';

function medianOf(sorted: number[]): number {
	const n = sorted.length;
	return n % 2 ? sorted[n >> 1] : (sorted[(n >> 1) - 1] + sorted[n >> 1]) / 2;
}

function reference(values: number[]): { median: number; sigma: number } {
	let kept = [...values];
	let median = 0;
	let sigma = 0;
	for (let round = 0; round < 4 && kept.length > 0; round++) {
		median = medianOf([...kept].sort((a, b) => a - b));
		sigma = 1.4826 * medianOf(kept.map((v) => Math.fround(Math.abs(v - median))).sort((a, b) => a - b));
		const next = kept.filter((v) => v >= median - 3 * sigma && v <= median + 3 * sigma);
		if (next.length === kept.length) break;
		kept = next;
	}
	return { median, sigma };
}

/** A deterministic pseudo-random sequence in [0, 1). */
function random(seed: number): () => number {
	let s = seed;
	return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('clippedMedian', () => {
	it.each([1, 2, 7, 64, 255, 256])('gives the reference median and sigma of %i noisy values with stars, negatives and ties', (n) => {
		const next = random(n);
		const values = Array.from({ length: n }, (_, i) => Math.fround(i % 17 === 5 ? 50 + 100 * next() : i % 11 === 3 ? 0.25 : (next() - 0.6) * 2));
		const buffer = new Float32Array(n + 5); // longer than the values, as a tile's buffer is
		buffer.set(values);
		const got = clippedMedian(buffer, n, clipWork(buffer, buffer.length));
		const want = reference(values);
		expect(got.median).toBe(want.median);
		expect(got.sigma).toBe(want.sigma);
	});
});
