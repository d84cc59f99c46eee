// Stage 7: combine the warped, normalised frames of a band pixel by pixel, with rejection.
//
// Clip (the 'auto' choice from 3 frames on): per channel, centre = median of the samples and
// sigma = max(1.4826 * MAD, floor), where floor is the frames' known noise after normalisation: at
// 6 frames the MAD alone is too noisy to trust, and the median still ignores a satellite trail or a
// hot pixel in one frame. A frame is rejected at a pixel when any channel lies more than kappa sigma
// from the centre; the survivors are averaged with the frame weights (f64 sums, in frame order).
// 1-2 frames cannot outvote an outlier: plain weighted mean.
//
// Four pixels at a time in f32x4 lanes. Medians come from a sorting network (Batcher's odd-even
// merge sort, min/max per comparator, no branches) in which a frame that does not cover a lane
// counts as +Infinity, so that lane's median is read at its own middle index. Every lane depends only
// on its own pixel's samples, so banding never changes a result.

import { mergeBlocks16, mergeSize, sort16, sort8, sortBlocks16 } from './network';

export const METHOD_AUTO: i32 = 0;
export const METHOD_MEAN: i32 = 1;
export const METHOD_MEDIAN: i32 = 2;
export const METHOD_CLIP: i32 = 3;
const MAD_TO_SIGMA: f32 = 1.4826;

/** Bytes of scratch that combine needs for n frames. */
export function combineScratchBytes(n: i32): i32 {
	return (n << 4) + LIMITS_BYTES + (sortSize(n) << 4);
}

/** Vectors sorted at once, padded with +Infinity: up to 16 frames one network unrolled in registers,
 * above that blocks of 16 sorted so, then merged (mergeBlocks16, over a power of 2 of vectors). */
// @ts-ignore: decorator
@inline function sortSize(n: i32): i32 {
	return n <= 8 ? 8 : mergeSize(n);
}

/** Each channel's centre and clip limit (f32x4 each, R G B), for the loop that rejects and averages. */
const LIMITS_BYTES = 6 << 4;

// @ts-ignore: decorator
@inline function sortSamples(tmp: usize, n: i32): void {
	if (n <= 8) sort8(tmp);
	else if (n <= 16) sort16(tmp);
	else {
		sortBlocks16(tmp, (n + 15) >> 4);
		mergeBlocks16(tmp, n);
	}
}

/** stack: frame i, channel c at stack + (3 i + c) * plane f32 (NaN = not covered); plane is a multiple
 * of 4, and padding pixels are NaN. weights: n f32. Writes the out planes (plane f32 each) and per-pixel
 * kept counts (plane u16). scratch: combineScratchBytes(n). Returns the rejected samples. */
export function combine(
	stack: usize, n: i32, plane: i32, weights: usize, floorR: f32, floorG: f32, floorB: f32, kappa: f32, method: i32,
	outR: usize, outG: usize, outB: usize, cov: usize, scratch: usize
): i32 {
	const planeBytes = <usize>plane << 2;
	const frameBytes = planeBytes * 3;
	const masks = scratch; // per frame: lanes it covers
	const limits = masks + (<usize>n << 4); // centre R, G, B, then limit R, G, B
	const tmp = limits + LIMITS_BYTES; // values being sorted
	const clip = (method == METHOD_AUTO || method == METHOD_CLIP) && n >= 3;
	const inf = f32x4.splat(Infinity);
	// the padding of the unrolled networks: +Infinity stays at the top, so it is written once
	for (let i = n; i < sortSize(n); i++) v128.store(tmp + (<usize>i << 4), inf);
	// without clipping nothing is rejected: centres 0 and limits +Infinity, written once
	for (let c: usize = 0; c < 48; c += 16) {
		v128.store(limits + c, f32x4.splat(0));
		v128.store(limits + c + 48, inf);
	}
	const nan = i32x4.splat(0x7fc00000);
	const lanes = i32x4(0, 4, 8, 12);
	let rejected = i32x4.splat(0);
	for (let p: usize = 0; p < <usize>plane; p += 4) {
		const at = stack + (p << 2);
		let m = i32x4.splat(0);
		for (let i = 0; i < n; i++) {
			const r = v128.load(at + <usize>i * frameBytes);
			const covered = f32x4.eq(r, r);
			v128.store(masks + (<usize>i << 4), covered);
			m = i32x4.sub(m, covered);
		}
		const o = p << 2;
		const none = i32x4.eq(m, i32x4.splat(0));
		if (i32x4.all_true(none)) {
			v128.store(outR + o, nan);
			v128.store(outG + o, nan);
			v128.store(outB + o, nan);
			store<u64>(cov + (p << 1), 0);
			continue;
		}
		// byte offsets of each lane's middle samples in tmp: index m >> 1 and (m - 1) >> 1
		const hiAt = i32x4.add(i32x4.shl(i32x4.shr_s(m, 1), 4), lanes);
		const loAt = i32x4.add(i32x4.shl(i32x4.shr_s(i32x4.max_s(i32x4.sub(m, i32x4.splat(1)), i32x4.splat(0)), 1), 4), lanes);
		const same = i32x4.all_true(i32x4.eq(m, i32x4.splat(i32x4.extract_lane(m, 0))));
		if (method == METHOD_MEDIAN) {
			v128.store(outR + o, v128.bitselect(nan, channelMedian(at, frameBytes, masks, tmp, n, hiAt, loAt, same), none));
			v128.store(outG + o, v128.bitselect(nan, channelMedian(at + planeBytes, frameBytes, masks, tmp, n, hiAt, loAt, same), none));
			v128.store(outB + o, v128.bitselect(nan, channelMedian(at + 2 * planeBytes, frameBytes, masks, tmp, n, hiAt, loAt, same), none));
			storeCounts(cov + (p << 1), m);
			continue;
		}
		if (clip) {
			// lanes with fewer than 3 samples are never clipped
			const few = i32x4.lt_s(m, i32x4.splat(3));
			const k = f32x4.splat(kappa);
			clipLimit(at, frameBytes, masks, limits, tmp, n, hiAt, loAt, same, i32x4.extract_lane(m, 0), k, f32x4.splat(floorR), few, inf);
			clipLimit(at + planeBytes, frameBytes, masks, limits + 16, tmp, n, hiAt, loAt, same, i32x4.extract_lane(m, 0), k, f32x4.splat(floorG), few, inf);
			clipLimit(at + 2 * planeBytes, frameBytes, masks, limits + 32, tmp, n, hiAt, loAt, same, i32x4.extract_lane(m, 0), k, f32x4.splat(floorB), few, inf);
		}
		const cR = v128.load(limits), cG = v128.load(limits, 16), cB = v128.load(limits, 32);
		const lR = v128.load(limits, 48), lG = v128.load(limits, 64), lB = v128.load(limits, 80);
		// a sample is rejected where any channel is beyond its limit; weighted means in f64, frame
		// order, of the rest; samples not kept add +0
		let kept = i32x4.splat(0);
		let sw0 = f64x2.splat(0), sw1 = f64x2.splat(0);
		let sr0 = f64x2.splat(0), sr1 = f64x2.splat(0);
		let sg0 = f64x2.splat(0), sg1 = f64x2.splat(0);
		let sb0 = f64x2.splat(0), sb1 = f64x2.splat(0);
		for (let i = 0; i < n; i++) {
			const s = at + <usize>i * frameBytes;
			const sR = v128.load(s), sG = v128.load(s + planeBytes), sB = v128.load(s + 2 * planeBytes);
			const out = v128.or(v128.or(f32x4.gt(f32x4.abs(f32x4.sub(sR, cR)), lR), f32x4.gt(f32x4.abs(f32x4.sub(sG, cG)), lG)), f32x4.gt(f32x4.abs(f32x4.sub(sB, cB)), lB));
			const keep = v128.andnot(v128.load(masks + (<usize>i << 4)), out);
			kept = i32x4.sub(kept, keep);
			const w = v128.and(f32x4.splat(load<f32>(weights + (<usize>i << 2))), keep);
			const w0 = f64x2.promote_low_f32x4(w);
			const w1 = f64x2.promote_low_f32x4(high(w));
			sw0 = f64x2.add(sw0, w0);
			sw1 = f64x2.add(sw1, w1);
			const r = v128.and(sR, keep);
			sr0 = f64x2.add(sr0, f64x2.mul(w0, f64x2.promote_low_f32x4(r)));
			sr1 = f64x2.add(sr1, f64x2.mul(w1, f64x2.promote_low_f32x4(high(r))));
			const g = v128.and(sG, keep);
			sg0 = f64x2.add(sg0, f64x2.mul(w0, f64x2.promote_low_f32x4(g)));
			sg1 = f64x2.add(sg1, f64x2.mul(w1, f64x2.promote_low_f32x4(high(g))));
			const b = v128.and(sB, keep);
			sb0 = f64x2.add(sb0, f64x2.mul(w0, f64x2.promote_low_f32x4(b)));
			sb1 = f64x2.add(sb1, f64x2.mul(w1, f64x2.promote_low_f32x4(high(b))));
		}
		v128.store(outR + o, v128.bitselect(nan, ratio(sr0, sr1, sw0, sw1), none));
		v128.store(outG + o, v128.bitselect(nan, ratio(sg0, sg1, sw0, sw1), none));
		v128.store(outB + o, v128.bitselect(nan, ratio(sb0, sb1, sw0, sw1), none));
		storeCounts(cov + (p << 1), kept);
		rejected = i32x4.add(rejected, i32x4.sub(m, kept));
	}
	return i32x4.extract_lane(rejected, 0) + i32x4.extract_lane(rejected, 1) + (i32x4.extract_lane(rejected, 2) + i32x4.extract_lane(rejected, 3));
}

/** Lanes 2, 3 moved to 0, 1. */
// @ts-ignore: decorator
@inline function high(v: v128): v128 {
	return i32x4.shuffle(v, v, 2, 3, 2, 3);
}

/** f32 of (num0, num1) / (den0, den1) lane by lane. */
// @ts-ignore: decorator
@inline function ratio(num0: v128, num1: v128, den0: v128, den1: v128): v128 {
	const q0 = f32x4.demote_f64x2_zero(f64x2.div(num0, den0));
	const q1 = f32x4.demote_f64x2_zero(f64x2.div(num1, den1));
	return i32x4.shuffle(q0, q1, 0, 1, 4, 5);
}

/** Four u32 counts stored as u16. */
// @ts-ignore: decorator
@inline function storeCounts(at: usize, counts: v128): void {
	store<u64>(at, i64x2.extract_lane(i16x8.narrow_i32x4_u(counts, counts), 0));
}

/** Each lane's median of an ascending network output: the middle value, or the mean of the two.
 * same: all lanes have the same count, so the middle vectors are read whole. */
// @ts-ignore: decorator
@inline function middle(tmp: usize, hiAt: v128, loAt: v128, same: bool): v128 {
	let hi: v128, lo: v128;
	if (same) {
		hi = v128.load(tmp + <usize>i32x4.extract_lane(hiAt, 0));
		lo = v128.load(tmp + <usize>i32x4.extract_lane(loAt, 0));
	} else {
		hi = gather(tmp, hiAt);
		lo = gather(tmp, loAt);
	}
	// odd counts: hiAt == loAt, the middle value itself
	return v128.bitselect(hi, f32x4.mul(f32x4.add(lo, hi), f32x4.splat(0.5)), i32x4.eq(hiAt, loAt));
}

/** Median of one channel's samples, lane by lane (uncovered samples sort last as +Infinity). */
function channelMedian(at: usize, frameBytes: usize, masks: usize, tmp: usize, n: i32, hiAt: v128, loAt: v128, same: bool): v128 {
	const inf = f32x4.splat(Infinity);
	for (let i = 0; i < n; i++) {
		v128.store(tmp + (<usize>i << 4), v128.bitselect(v128.load(at + <usize>i * frameBytes), inf, v128.load(masks + (<usize>i << 4))));
	}
	sortSamples(tmp, n);
	return middle(tmp, hiAt, loAt, same);
}

/** Writes one channel's centre (median) and clip limit kappa * max(1.4826 * MAD, floor) (+Infinity in
 * `few` lanes) to at[0] and at[3] (f32x4). */
function clipLimit(
	at: usize, frameBytes: usize, masks: usize, limit: usize, tmp: usize, n: i32,
	hiAt: v128, loAt: v128, same: bool, count: i32, kappa: v128, floor: v128, few: v128, inf: v128
): void {
	const centre = channelMedian(at, frameBytes, masks, tmp, n, hiAt, loAt, same);
	let mad: v128;
	if (same) mad = sortedMad(tmp, centre, count);
	else {
		for (let i = 0; i < n; i++) {
			const dev = f32x4.abs(f32x4.sub(v128.load(at + <usize>i * frameBytes), centre));
			v128.store(tmp + (<usize>i << 4), v128.bitselect(dev, inf, v128.load(masks + (<usize>i << 4))));
		}
		sortSamples(tmp, n);
		mad = middle(tmp, hiAt, loAt, same);
	}
	v128.store(limit, centre);
	v128.store(limit, v128.bitselect(inf, f32x4.mul(kappa, f32x4.max(f32x4.mul(f32x4.splat(MAD_TO_SIGMA), mad), floor)), few), 48);
}

/** MAD of the m ascending samples at tmp about their median c, lane by lane, without sorting the
 * deviations: the j + 1 samples nearest to c are consecutive, so the (j+1)-th smallest deviation is the
 * least over windows of j + 1 samples of the larger deviation at the window's two ends. */
function sortedMad(tmp: usize, c: v128, m: i32): v128 {
	const k = m >> 1;
	if (m & 1) return windowMin(tmp, c, m, k);
	// even m: the k-th and (k+1)-th smallest deviations in one pass, windows of k and k + 1 samples
	// starting at p; the far end of the one of k is the far end of the previous one of k + 1
	const span = <usize>k << 4;
	let lo = f32x4.splat(Infinity);
	let hi = f32x4.splat(Infinity);
	let prev = f32x4.abs(f32x4.sub(v128.load(tmp + span - 16), c));
	const end = tmp + span;
	for (let p = tmp; p < end; p += 16) {
		const a = f32x4.abs(f32x4.sub(v128.load(p), c));
		const b = f32x4.abs(f32x4.sub(v128.load(p + span), c));
		lo = f32x4.pmin(lo, f32x4.pmax(a, prev));
		hi = f32x4.pmin(hi, f32x4.pmax(a, b));
		prev = b;
	}
	lo = f32x4.pmin(lo, f32x4.pmax(f32x4.abs(f32x4.sub(v128.load(end), c)), prev));
	return f32x4.mul(f32x4.add(lo, hi), f32x4.splat(0.5));
}

/** The (j+1)-th smallest |s - c| of the m ascending samples s at tmp, lane by lane. */
// @ts-ignore: decorator
@inline function windowMin(tmp: usize, c: v128, m: i32, j: i32): v128 {
	let least = f32x4.splat(Infinity);
	const span = <usize>j << 4;
	const end = tmp + (<usize>(m - j) << 4);
	for (let p = tmp; p < end; p += 16) {
		const a = f32x4.abs(f32x4.sub(v128.load(p), c));
		const b = f32x4.abs(f32x4.sub(v128.load(p + span), c));
		least = f32x4.pmin(least, f32x4.pmax(a, b));
	}
	return least;
}

/** Lane by lane, the f32 at tmp + at[i]: lane i of the vector that lane i's own offset points into. */
// @ts-ignore: decorator
@inline function gather(tmp: usize, at: v128): v128 {
	let v = f32x4.splat(load<f32>(tmp + <usize>i32x4.extract_lane(at, 0)));
	v = f32x4.replace_lane(v, 1, load<f32>(tmp + <usize>i32x4.extract_lane(at, 1)));
	v = f32x4.replace_lane(v, 2, load<f32>(tmp + <usize>i32x4.extract_lane(at, 2)));
	return f32x4.replace_lane(v, 3, load<f32>(tmp + <usize>i32x4.extract_lane(at, 3)));
}
