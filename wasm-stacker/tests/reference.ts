// Plain-TS references of the kernel stages, written for clarity, with Math.fround wherever the
// kernel rounds to f32 so that exact stages can be compared bit for bit.
import type { BayerPattern } from '../../src/lib/stacking/types';
import { cfaColour } from './synth';

const f = Math.fround;

/** Bilinear demosaic, edges mirrored; pattern for row 0 of `src`. Returns [R, G, B]. */
export function demosaicRef(src: Float32Array, width: number, rows: number, pattern: BayerPattern): Float32Array[] {
	const planes = [0, 1, 2].map(() => new Float32Array(width * rows));
	const mirror = (i: number, n: number) => (i < 0 ? 1 : i >= n ? n - 2 : i);
	const at = (x: number, y: number) => src[mirror(y, rows) * width + mirror(x, width)];
	for (let y = 0; y < rows; y++) {
		for (let x = 0; x < width; x++) {
			const c = cfaColour(pattern, x, y);
			const i = y * width + x;
			const lr = f(at(x - 1, y) + at(x + 1, y));
			const ud = f(at(x, y - 1) + at(x, y + 1));
			planes[c][i] = at(x, y);
			if (c === 1) {
				planes[cfaColour(pattern, x + 1, y)][i] = f(lr * 0.5);
				planes[cfaColour(pattern, x, y + 1)][i] = f(ud * 0.5);
			} else {
				const diag = f(f(at(x - 1, y - 1) + at(x + 1, y - 1)) + f(at(x - 1, y + 1) + at(x + 1, y + 1)));
				planes[1][i] = f(f(lr + ud) * 0.25);
				planes[2 - c][i] = f(diag * 0.25);
			}
		}
	}
	return planes;
}

/** Malvar-He-Cutler demosaic as documented in wasm-stacker/assembly/demosaic-mhc.ts, edges mirrored
 * (-k -> k); pattern for row 0 of `src`. Returns [R, G, B]. */
export function demosaicMhcRef(src: Float32Array, width: number, rows: number, pattern: BayerPattern): Float32Array[] {
	const planes = [0, 1, 2].map(() => new Float32Array(width * rows));
	const mirror = (i: number, n: number) => (i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i);
	const at = (x: number, y: number) => src[mirror(y, rows) * width + mirror(x, width)];
	for (let y = 0; y < rows; y++) {
		for (let x = 0; x < width; x++) {
			const col = cfaColour(pattern, x, y);
			const i = y * width + x;
			const c = at(x, y);
			const lr1 = f(at(x - 1, y) + at(x + 1, y));
			const ud1 = f(at(x, y - 1) + at(x, y + 1));
			const lr2 = f(at(x - 2, y) + at(x + 2, y));
			const ud2 = f(at(x, y - 2) + at(x, y + 2));
			const diag = f(f(at(x - 1, y - 1) + at(x + 1, y - 1)) + f(at(x - 1, y + 1) + at(x + 1, y + 1)));
			// (5c + 4 near1 - near2 - diag + far2 / 2) / 8, in the kernel's order
			const along = (near1: number, near2: number, far2: number) => f(f(f(f(f(c * 5) + f(near1 * 4)) - near2) - diag) + f(far2 * 0.5)) * 0.125;
			planes[col][i] = c;
			if (col === 1) {
				planes[cfaColour(pattern, x + 1, y)][i] = along(lr1, lr2, ud2);
				planes[cfaColour(pattern, x, y + 1)][i] = along(ud1, ud2, lr2);
			} else {
				planes[1][i] = f(f(f(c * 4) + f(lr1 + ud1) * 2) - f(lr2 + ud2)) * 0.125;
				planes[2 - col][i] = f(f(f(c * 6) + f(diag * 2)) - f(f(lr2 + ud2) * 1.5)) * 0.125;
			}
		}
	}
	return planes;
}

/** Hot-pixel correction as documented in wasm-stacker/assembly/cosmetic.ts. Returns [image, count]. */
export function cosmeticRef(src: Float32Array, width: number, rows: number, step: number, k: number, ratio: number): [Float32Array, number] {
	const out = src.slice();
	const v = (x: number, y: number) => src[y * width + x];
	let count = 0;
	for (let y = 3; y < rows - 3; y++) {
		for (let x = 3; x < width - 3; x++) {
			const s = step;
			const ring = [v(x - s, y), v(x + s, y), v(x, y - s), v(x, y + s), v(x - s, y - s), v(x + s, y - s), v(x - s, y + s), v(x + s, y + s)];
			ring.sort((a, b) => a - b);
			const p = v(x, y);
			if (!(p > ring[7])) continue;
			const med = f(f(ring[3] + ring[4]) * 0.5);
			const sigma = f(f(ring[7] - ring[0]) * f(1 / 2.85));
			const excess = f(p - med);
			if (!(excess > f(f(k) * sigma))) continue;
			const h = f(f(f(v(x - 1, y) + v(x + 1, y)) - f(v(x - 3, y) + v(x + 3, y))) * 0.5);
			const w = f(f(f(v(x, y - 1) + v(x, y + 1)) - f(v(x, y - 3) + v(x, y + 3))) * 0.5);
			if (!(excess > f(f(ratio) * Math.max(h, w)))) continue;
			out[y * width + x] = med;
			count++;
		}
	}
	return [out, count];
}

/** Median and 1.4826 * MAD of the finite values. */
export function robustStats(values: ArrayLike<number>): { median: number; sigma: number } {
	const v = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
	const med = (a: number[]) => (a.length % 2 ? a[a.length >> 1] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2);
	const m = med(v);
	return { median: m, sigma: 1.4826 * med(v.map((x) => Math.abs(x - m)).sort((a, b) => a - b)) };
}

/** Plain standard deviation. */
export function stdDev(values: ArrayLike<number>): number {
	const v = Array.from(values);
	const mean = v.reduce((a, b) => a + b, 0) / v.length;
	return Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
}
