// Stage 7: combine the warped, normalised frames of a band pixel by pixel, with rejection.
//
// Clip (the 'auto' choice from 3 frames on): per channel, centre = median of the samples and
// sigma = max(1.4826 * MAD, floor), where floor is the frames' known noise after normalisation: at
// 6 frames the MAD alone is too noisy to trust, and the median still ignores a satellite trail or a
// hot pixel in one frame. A frame is rejected at a pixel when any channel lies more than kappa sigma
// from the centre; the survivors are averaged with the frame weights (f64 sums, in frame order).
// 1-2 frames cannot outvote an outlier: plain weighted mean.
// Every output pixel depends only on its own samples, so banding never changes a result.

import { median, sortSmall, sortedMad, sortedMedian } from './select';

export const METHOD_AUTO: i32 = 0;
export const METHOD_MEAN: i32 = 1;
export const METHOD_MEDIAN: i32 = 2;
export const METHOD_CLIP: i32 = 3;
const MAD_TO_SIGMA: f32 = 1.4826;
/** Up to this many samples the channel values are sorted outright; above, quickselect. */
const SORT_LIMIT: i32 = 24;

/** stack: frame i, channel c at stack + (3 i + c) * plane f32 (NaN = not covered). weights: n f32.
 * Writes out planes and per-pixel kept counts (u16). scratch: 5 * n * 4 bytes. Returns rejected samples. */
export function combine(
	stack: usize, n: i32, plane: i32, weights: usize, floorR: f32, floorG: f32, floorB: f32, kappa: f32, method: i32,
	outR: usize, outG: usize, outB: usize, cov: usize, scratch: usize
): i32 {
	const planeBytes = <usize>plane << 2;
	const vr = scratch;
	const vg = vr + (<usize>n << 2);
	const vb = vg + (<usize>n << 2);
	const wt = vb + (<usize>n << 2);
	const buf = wt + (<usize>n << 2);
	const nan = reinterpret<f32>(0x7fc00000);
	let rejected = 0;
	for (let p = 0; p < plane; p++) {
		// gather the covering frames, in frame order
		let m = 0;
		let s = stack + (<usize>p << 2);
		for (let i = 0; i < n; i++, s += 3 * planeBytes) {
			const r = load<f32>(s);
			if (r != r) continue;
			const k = <usize>m << 2;
			store<f32>(vr + k, r);
			store<f32>(vg + k, load<f32>(s + planeBytes));
			store<f32>(vb + k, load<f32>(s + 2 * planeBytes));
			store<f32>(wt + k, load<f32>(weights + (<usize>i << 2)));
			m++;
		}
		const o = <usize>p << 2;
		if (m == 0) {
			store<f32>(outR + o, nan);
			store<f32>(outG + o, nan);
			store<f32>(outB + o, nan);
			store<u16>(cov + (<usize>p << 1), 0);
			continue;
		}
		if (method == METHOD_MEDIAN) {
			store<f32>(outR + o, copyMedian(vr, buf, m));
			store<f32>(outG + o, copyMedian(vg, buf, m));
			store<f32>(outB + o, copyMedian(vb, buf, m));
			store<u16>(cov + (<usize>p << 1), <u16>m);
			continue;
		}
		let kept = m;
		if ((method == METHOD_AUTO || method == METHOD_CLIP) && m >= 3) {
			// reuse the weight slot of a rejected sample as its mark: weight 0 drops it from the mean
			clipChannel(vr, wt, buf, m, floorR, kappa);
			clipChannel(vg, wt, buf, m, floorG, kappa);
			clipChannel(vb, wt, buf, m, floorB, kappa);
			kept = 0;
			for (let j = 0; j < m; j++) if (load<f32>(wt + (<usize>j << 2)) != 0) kept++;
			rejected += m - kept;
		}
		let sw: f64 = 0, sr: f64 = 0, sg: f64 = 0, sb: f64 = 0;
		for (let j = 0; j < m; j++) {
			const k = <usize>j << 2;
			const w = <f64>load<f32>(wt + k);
			sw += w;
			sr += w * <f64>load<f32>(vr + k);
			sg += w * <f64>load<f32>(vg + k);
			sb += w * <f64>load<f32>(vb + k);
		}
		store<f32>(outR + o, <f32>(sr / sw));
		store<f32>(outG + o, <f32>(sg / sw));
		store<f32>(outB + o, <f32>(sb / sw));
		store<u16>(cov + (<usize>p << 1), <u16>kept);
	}
	return rejected;
}

function copyMedian(v: usize, buf: usize, m: i32): f32 {
	memory.copy(buf, v, <usize>m << 2);
	return median(buf, m);
}

/** Zeroes the weight of every sample of channel v beyond kappa * max(robust sigma, floor) from the median. */
function clipChannel(v: usize, wt: usize, buf: usize, m: i32, floor: f32, kappa: f32): void {
	for (let j = 0; j < m; j++) store<f32>(buf + (<usize>j << 2), load<f32>(v + (<usize>j << 2))); // few bytes: a loop beats memory.copy
	let centre: f32, mad: f32;
	if (m <= SORT_LIMIT) {
		sortSmall(buf, m);
		centre = sortedMedian(buf, m);
		mad = sortedMad(buf, m, centre);
	} else {
		centre = median(buf, m);
		for (let j = 0; j < m; j++) store<f32>(buf + (<usize>j << 2), Mathf.abs(load<f32>(v + (<usize>j << 2)) - centre));
		mad = median(buf, m);
	}
	const limit = kappa * max(MAD_TO_SIGMA * mad, floor);
	for (let j = 0; j < m; j++) {
		const k = <usize>j << 2;
		if (Mathf.abs(load<f32>(v + k) - centre) > limit) store<f32>(wt + k, 0);
	}
}
