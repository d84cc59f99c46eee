// Stage 4: background level and noise of one plane: median and 1.4826 * MAD of a regular subsample,
// again on the samples within 3 sigma of that median (drops stars and hot spots) until none is dropped.

import { medianCopy } from './select';

/** Most samples taken from one plane; the subsample stride grows with the plane size. */
export const MAX_SAMPLES: i32 = 65536;
const MAD_TO_SIGMA: f32 = 1.4826;
const CLIP: f32 = 3.0;
const MAX_CLIPS = 5;

/** Writes [background, sigma] (f32) to out. scratch: 3 * MAX_SAMPLES f32. NaN pixels are skipped. */
export function background(plane: usize, width: i32, rows: i32, scratch: usize, out: usize): void {
	const total = <f64>width * <f64>rows;
	const step = max(1, <i32>Math.ceil(Math.sqrt(total / <f64>MAX_SAMPLES)));
	// the samples, then two buffers that selection copies between
	const a = scratch + (<usize>MAX_SAMPLES << 2);
	const b = a + (<usize>MAX_SAMPLES << 2);
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
	let m = medianCopy(scratch, n, false, 0, a, b);
	let sigma = MAD_TO_SIGMA * medianCopy(scratch, n, true, m, a, b);
	// keep the samples within CLIP sigma and measure again, until none is dropped
	for (let it = 0; it < MAX_CLIPS && sigma > 0; it++) {
		const lo = m - CLIP * sigma;
		const hi = m + CLIP * sigma;
		let kept = 0;
		for (let i = 0; i < n; i++) {
			const v = load<f32>(scratch + (<usize>i << 2));
			if (v >= lo && v <= hi) store<f32>(scratch + (<usize>(kept++) << 2), v);
		}
		if (kept == n || kept == 0) break;
		n = kept;
		m = medianCopy(scratch, n, false, 0, a, b);
		sigma = MAD_TO_SIGMA * medianCopy(scratch, n, true, m, a, b);
	}
	store<f32>(out, m);
	store<f32>(out, sigma, 4);
}
