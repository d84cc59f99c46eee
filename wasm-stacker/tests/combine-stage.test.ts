// The combine export against a plain TypeScript statement of its rule (sort, median, MAD, clip, f64
// weighted mean), in f32 arithmetic like the kernel: every pixel must agree bit for bit, for frame
// counts on both sides of the sorting network's sizes, with frames that cover only some pixels.
import { describe, expect, it } from 'vitest';
import { gauss, rng } from './synth';
import { rawKernel } from './wasm';

const f = Math.fround;
const MAD_TO_SIGMA = f(1.4826);
const METHODS = { auto: 0, mean: 1, median: 2, clip: 3 } as const;

const medianOf = (v: number[]) => {
	const s = [...v].sort((a, b) => a - b);
	const k = s.length >> 1;
	return s.length % 2 ? s[k] : f(f(s[k - 1] + s[k]) * 0.5);
};

/** One pixel: samples[i] = [r, g, b] or null (not covered). Returns [r, g, b, kept]. */
function reference(samples: ([number, number, number] | null)[], weights: number[], floor: number[], kappa: number, method: keyof typeof METHODS): number[] {
	const idx = samples.flatMap((s, i) => (s ? [i] : []));
	if (idx.length === 0) return [NaN, NaN, NaN, 0];
	const channel = (c: number) => idx.map((i) => samples[i]![c]);
	if (method === 'median') return [0, 1, 2].map((c) => medianOf(channel(c))).concat(idx.length);
	const keep = new Set(idx);
	if ((method === 'auto' || method === 'clip') && idx.length >= 3) {
		for (let c = 0; c < 3; c++) {
			const v = channel(c);
			const centre = medianOf(v);
			const mad = medianOf(v.map((x) => Math.abs(f(x - centre))));
			const limit = f(f(kappa) * Math.max(f(MAD_TO_SIGMA * mad), floor[c]));
			idx.forEach((i, j) => Math.abs(f(v[j] - centre)) > limit && keep.delete(i));
		}
	}
	let sw = 0;
	const s = [0, 0, 0];
	for (const i of idx) {
		if (!keep.has(i)) continue;
		sw += weights[i];
		for (let c = 0; c < 3; c++) s[c] += weights[i] * samples[i]![c];
	}
	return [f(s[0] / sw), f(s[1] / sw), f(s[2] / sw), keep.size];
}

describe('combine (SIMD, 4 pixels per step) equals the plain per-pixel rule', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 17, 33, 65, 90])('%i frames, every method, partial coverage, outliers', async (n) => {
		const heap = await rawKernel();
		const rand = rng(500 + n);
		const g = gauss(rand);
		const plane = 64; // a multiple of 4, as the wrapper pads it
		const stack = new Float32Array(n * 3 * plane);
		const samples: ([number, number, number] | null)[][] = Array.from({ length: plane }, () => []);
		for (let p = 0; p < plane; p++) {
			// pixel groups: 0-15 full coverage, then a growing share of frames missing, the last 4 with none
			const missing = p < 16 ? 0 : p >= plane - 4 ? 1 : rand() * (p / plane);
			for (let i = 0; i < n; i++) {
				const covered = rand() >= missing;
				// quantised values give ties and zero MADs; a few large outliers get clipped
				const v = [0, 1, 2].map((c) => f(100 * c + (p % 3 === 0 ? Math.round(2 * g()) : 10 * g()) + (rand() < 0.1 ? 500 * g() : 0)));
				samples[p].push(covered ? (v as [number, number, number]) : null);
				for (let c = 0; c < 3; c++) stack[(3 * i + c) * plane + p] = covered ? v[c] : NaN;
			}
		}
		const weights = Array.from({ length: n }, (_, i) => f(1 + (i % 4) / 3));
		const floor = [f(0), f(3), f(0.5)];
		const at = heap.f32(stack);
		const w = heap.f32(weights);
		for (const method of Object.keys(METHODS) as (keyof typeof METHODS)[]) {
			const out = [heap.alloc(plane * 4), heap.alloc(plane * 4), heap.alloc(plane * 4)];
			const cov = heap.alloc(plane * 2);
			const scratch = heap.alloc(heap.x.combineScratchBytes(n));
			const rejected = heap.x.combine(at, n, plane, w, floor[0], floor[1], floor[2], 2.5, METHODS[method], out[0], out[1], out[2], cov, scratch);
			const planes = out.map((o) => heap.readF32(o, plane));
			const counts = new Uint16Array(heap.x.memory.buffer, cov, plane).slice();
			let wantRejected = 0;
			for (let p = 0; p < plane; p++) {
				const want = reference(samples[p], weights, floor, 2.5, method);
				expect([planes[0][p], planes[1][p], planes[2][p], counts[p]], `${method} pixel ${p}`).toEqual(want);
				if (method !== 'median') wantRejected += samples[p].filter(Boolean).length - want[3];
			}
			expect(rejected, method).toBe(method === 'median' ? 0 : wantRejected);
			if ((method === 'clip' || method === 'auto') && n >= 6) expect(rejected).toBeGreaterThan(0);
		}
	});
});
