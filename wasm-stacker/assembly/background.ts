// Stage 4: background level and noise of one plane: median and 1.4826 * MAD of a regular subsample,
// again on the samples within 3 sigma of that median (drops stars and hot spots) until none is dropped.

import { sortedMad, sortedMedian, sortF32 } from './select';

/** Most samples taken from one plane; the subsample stride grows with the plane size. */
export const MAX_SAMPLES: i32 = 65536;
const MAD_TO_SIGMA: f32 = 1.4826;
const CLIP: f32 = 3.0;
const MAX_CLIPS = 5;

/** Writes [background, sigma] (f32) to out. scratch: 3 * MAX_SAMPLES f32. NaN pixels are skipped. */
export function background(plane: usize, width: i32, rows: i32, scratch: usize, out: usize): void {
	const total = <f64>width * <f64>rows;
	const step = max(1, <i32>Math.ceil(Math.sqrt(total / <f64>MAX_SAMPLES)));
	// the samples, then the sort's buffer and its histograms
	const tmp = scratch + (<usize>MAX_SAMPLES << 2);
	const hist = tmp + (<usize>MAX_SAMPLES << 2);
	let n = 0;
	for (let y = step >> 1; y < rows; y += step) {
		const row = plane + <usize>y * (<usize>width << 2);
		for (let x = step >> 1; x < width; x += step) {
			const v = load<f32>(row + (<usize>x << 2));
			if (v == v) store<f32>(scratch + (<usize>(n++) << 2), v);
		}
	}
	if (n == 0) {
		store<f32>(out, NaN);
		store<f32>(out, NaN, 4);
		return;
	}
	// sorted once: the samples kept by each clip are a run of it
	sortF32(scratch, n, tmp, hist);
	let s = scratch;
	let m = sortedMedian(s, n);
	let sigma = MAD_TO_SIGMA * sortedMad(s, n, m);
	// keep the samples within CLIP sigma and measure again, until none is dropped
	for (let it = 0; it < MAX_CLIPS && sigma > 0; it++) {
		const lo = m - CLIP * sigma;
		const hi = m + CLIP * sigma;
		let first = s;
		let last = s + (<usize>n << 2); // one past
		while (first < last && !(load<f32>(first) >= lo)) first += 4;
		while (last > first && !(load<f32>(last - 4) <= hi)) last -= 4;
		const kept = <i32>((last - first) >> 2);
		if (kept == n || kept == 0) break;
		s = first;
		n = kept;
		m = sortedMedian(s, n);
		sigma = MAD_TO_SIGMA * sortedMad(s, n, m);
	}
	store<f32>(out, m);
	store<f32>(out, sigma, 4);
}
