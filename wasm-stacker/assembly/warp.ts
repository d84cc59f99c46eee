// Stage 6: resample a frame into the output geometry with Catmull-Rom bicubic interpolation, then
// normalise v' = (v - offset) * scale + target per channel. Output pixels whose source point lies
// outside the frame are NaN in all three planes (not covered).
//
// Each output pixel is computed from its own (x, y) only (the affine is evaluated per pixel in f64,
// never accumulated), so any split of the output into bands gives the same values.
//
// Four output pixels at a time: their source coordinates in f64x2 lanes. When the four share their
// source row and sit on consecutive source columns (a near-identity affine, almost everywhere), each
// tap is one f32x4 load across the four pixels, with per-pixel weights in the lanes. Otherwise per
// pixel the 4x4 taps of each channel (rows combined 4 columns at once), and the four pixels' column
// sums reduced together into one f32x4. Groups that touch the frame's edge (clamped columns, uncovered
// pixels) go pixel by pixel. All three paths do the same arithmetic in the same order, lane by lane.

/** Catmull-Rom weight of tap i as a Horner polynomial: w_i(t) = ((A_i t + B_i) t + C_i) t + D_i. */
const A0: f32 = -0.5, B0: f32 = 1.0, C0: f32 = -0.5, D0: f32 = 0.0;
const A1: f32 = 1.5, B1: f32 = -2.5, C1: f32 = 0.0, D1: f32 = 1.0;
const A2: f32 = -1.5, B2: f32 = 2.0, C2: f32 = 0.5, D2: f32 = 0.0;
const A3: f32 = 0.5, B3: f32 = -0.5, C3: f32 = 0.0, D3: f32 = 0.0;
/** The same per lane: (w0, w1, w2, w3) of one fraction at once. */
const CR_A = f32x4(A0, A1, A2, A3);
const CR_B = f32x4(B0, B1, B2, B3);
const CR_C = f32x4(C0, C1, C2, C3);
const CR_D = f32x4(D0, D1, D2, D3);

/** Source planes r, g, b hold frame rows [sy0, sy0 + srows) of a sw x sh frame. dst holds three
 * planes of `plane` f32 each (R, G, B) for output rows [oy0, oy0 + orows) of width ow. */
export function warp(
	r: usize, g: usize, b: usize, sw: i32, srows: i32, sy0: i32, sh: i32,
	dst: usize, plane: i32, ow: i32, oy0: i32, orows: i32,
	ta: f64, tb: f64, tc: f64, td: f64, te: f64, tf: f64,
	off0: f32, off1: f32, off2: f32, sc0: f32, sc1: f32, sc2: f32, tg0: f32, tg1: f32, tg2: f32
): void {
	const stride = <usize>sw << 2;
	const planeBytes = <usize>plane << 2;
	const maxX = f64x2.splat(<f64>(sw - 1));
	const maxY = f64x2.splat(<f64>(sh - 1));
	const zero = f64x2.splat(0);
	const a = f64x2.splat(ta);
	const d = f64x2.splat(td);
	const two = f64x2.splat(2);
	const four = f64x2.splat(4);
	const off = f32x4(off0, off1, off2, 0);
	const sc = f32x4(sc0, sc1, sc2, 0);
	const tg = f32x4(tg0, tg1, tg2, 0);
	// iy for which rows iy - 1 .. iy + 2 lie in the frame and in the rows held, and their offsets from iy's
	const rowLo = i32x4.splat(max(sy0, 0) + 1);
	const rowHi = i32x4.splat(min(sh, sy0 + srows) - 3);
	const rowStep = i32x4.mul(i32x4.sub(i32x4(-1, 0, 1, 2), i32x4.splat(sy0)), i32x4.splat(<i32>stride));
	for (let j = 0; j < orows; j++) {
		const y = <f64>(oy0 + j);
		const bxs = tb * y + tc;
		const bys = te * y + tf;
		const bx = f64x2.splat(bxs);
		const by = f64x2.splat(bys);
		const outRow = dst + <usize>j * (<usize>ow << 2);
		let x = 0;
		let x01 = f64x2(0, 1); // (x, x + 1) as f64, exact
		for (; x + 4 <= ow; x += 4, x01 = f64x2.add(x01, four)) {
			const x23 = f64x2.add(x01, two);
			const sx01 = f64x2.add(f64x2.mul(a, x01), bx);
			const sx23 = f64x2.add(f64x2.mul(a, x23), bx);
			const sy01 = f64x2.add(f64x2.mul(d, x01), by);
			const sy23 = f64x2.add(f64x2.mul(d, x23), by);
			const fx01 = f64x2.floor(sx01);
			const fx23 = f64x2.floor(sx23);
			const ix = toInt(fx01, fx23);
			// fast path: all four covered, and every column tap inside the frame (ix - 1 >= 0, ix + 2 <= sw - 1)
			const inside = v128.and(v128.and(within(sx01, zero, maxX), within(sx23, zero, maxX)), v128.and(within(sy01, zero, maxY), within(sy23, zero, maxY)));
			const interior = v128.and(i32x4.gt_s(ix, i32x4.splat(0)), i32x4.lt_s(ix, i32x4.splat(sw - 2)));
			if (!(i64x2.all_true(inside) && i32x4.all_true(interior))) {
				warpPixel(r, g, b, sw, srows, sy0, sh, stride, planeBytes, outRow, x, f64x2.extract_lane(sx01, 0), f64x2.extract_lane(sy01, 0), off, sc, tg);
				warpPixel(r, g, b, sw, srows, sy0, sh, stride, planeBytes, outRow, x + 1, f64x2.extract_lane(sx01, 1), f64x2.extract_lane(sy01, 1), off, sc, tg);
				warpPixel(r, g, b, sw, srows, sy0, sh, stride, planeBytes, outRow, x + 2, f64x2.extract_lane(sx23, 0), f64x2.extract_lane(sy23, 0), off, sc, tg);
				warpPixel(r, g, b, sw, srows, sy0, sh, stride, planeBytes, outRow, x + 3, f64x2.extract_lane(sx23, 1), f64x2.extract_lane(sy23, 1), off, sc, tg);
				continue;
			}
			const fy01 = f64x2.floor(sy01);
			const fy23 = f64x2.floor(sy23);
			const iy = toInt(fy01, fy23);
			const tx = pair(f32x4.demote_f64x2_zero(f64x2.sub(sx01, fx01)), f32x4.demote_f64x2_zero(f64x2.sub(sx23, fx23)));
			const ty = pair(f32x4.demote_f64x2_zero(f64x2.sub(sy01, fy01)), f32x4.demote_f64x2_zero(f64x2.sub(sy23, fy23)));
			const rowsInside = i32x4.all_true(v128.and(i32x4.ge_s(iy, rowLo), i32x4.le_s(iy, rowHi)));
			const ix0 = i32x4.extract_lane(ix, 0);
			const iy0 = i32x4.extract_lane(iy, 0);
			if (rowsInside && i32x4.all_true(v128.and(i32x4.eq(iy, i32x4.splat(iy0)), i32x4.eq(ix, i32x4.add(i32x4.splat(ix0), i32x4(0, 1, 2, 3)))))) {
				// lanes = the four pixels: tap (row i, column j) of all four is one load
				const at = <usize>(iy0 - 1 - sy0) * stride + (<usize>(ix0 - 1) << 2);
				const wx0 = horner(tx, A0, B0, C0, D0), wx1 = horner(tx, A1, B1, C1, D1), wx2 = horner(tx, A2, B2, C2, D2), wx3 = horner(tx, A3, B3, C3, D3);
				const wy0 = horner(ty, A0, B0, C0, D0), wy1 = horner(ty, A1, B1, C1, D1), wy2 = horner(ty, A2, B2, C2, D2), wy3 = horner(ty, A3, B3, C3, D3);
				const o = outRow + (<usize>x << 2);
				v128.store(o, normalise(lanesTaps(r + at, stride, wy0, wy1, wy2, wy3, wx0, wx1, wx2, wx3), f32x4.splat(off0), f32x4.splat(sc0), f32x4.splat(tg0)));
				v128.store(o + planeBytes, normalise(lanesTaps(g + at, stride, wy0, wy1, wy2, wy3, wx0, wx1, wx2, wx3), f32x4.splat(off1), f32x4.splat(sc1), f32x4.splat(tg1)));
				v128.store(o + 2 * planeBytes, normalise(lanesTaps(b + at, stride, wy0, wy1, wy2, wy3, wx0, wx1, wx2, wx3), f32x4.splat(off2), f32x4.splat(sc2), f32x4.splat(tg2)));
				continue;
			}
			const col = i32x4.shl(i32x4.sub(ix, i32x4.splat(1)), 2);
			const c0 = <usize>i32x4.extract_lane(col, 0), c1 = <usize>i32x4.extract_lane(col, 1);
			const c2 = <usize>i32x4.extract_lane(col, 2), c3 = <usize>i32x4.extract_lane(col, 3);
			let rows0: v128, rows1: v128, rows2: v128, rows3: v128;
			if (rowsInside) {
				// no tap row needs clamping: offsets (iy - 1 - sy0 + t) * stride, t = 0..3
				const at = i32x4.mul(iy, i32x4.splat(<i32>stride));
				rows0 = i32x4.add(i32x4.splat(i32x4.extract_lane(at, 0)), rowStep);
				rows1 = i32x4.add(i32x4.splat(i32x4.extract_lane(at, 1)), rowStep);
				rows2 = i32x4.add(i32x4.splat(i32x4.extract_lane(at, 2)), rowStep);
				rows3 = i32x4.add(i32x4.splat(i32x4.extract_lane(at, 3)), rowStep);
			} else {
				rows0 = rowOffsets(i32x4.extract_lane(iy, 0), sh, sy0, srows, stride);
				rows1 = rowOffsets(i32x4.extract_lane(iy, 1), sh, sy0, srows, stride);
				rows2 = rowOffsets(i32x4.extract_lane(iy, 2), sh, sy0, srows, stride);
				rows3 = rowOffsets(i32x4.extract_lane(iy, 3), sh, sy0, srows, stride);
			}
			const wx0 = weights(f32x4.extract_lane(tx, 0)), wx1 = weights(f32x4.extract_lane(tx, 1));
			const wx2 = weights(f32x4.extract_lane(tx, 2)), wx3 = weights(f32x4.extract_lane(tx, 3));
			const wy0 = weights(f32x4.extract_lane(ty, 0)), wy1 = weights(f32x4.extract_lane(ty, 1));
			const wy2 = weights(f32x4.extract_lane(ty, 2)), wy3 = weights(f32x4.extract_lane(ty, 3));
			const o = outRow + (<usize>x << 2);
			v128.store(o, normalise(reduce4(
				taps(r + c0, rows0, wy0, wx0), taps(r + c1, rows1, wy1, wx1), taps(r + c2, rows2, wy2, wx2), taps(r + c3, rows3, wy3, wx3)
			), f32x4.splat(off0), f32x4.splat(sc0), f32x4.splat(tg0)));
			v128.store(o + planeBytes, normalise(reduce4(
				taps(g + c0, rows0, wy0, wx0), taps(g + c1, rows1, wy1, wx1), taps(g + c2, rows2, wy2, wx2), taps(g + c3, rows3, wy3, wx3)
			), f32x4.splat(off1), f32x4.splat(sc1), f32x4.splat(tg1)));
			v128.store(o + 2 * planeBytes, normalise(reduce4(
				taps(b + c0, rows0, wy0, wx0), taps(b + c1, rows1, wy1, wx1), taps(b + c2, rows2, wy2, wx2), taps(b + c3, rows3, wy3, wx3)
			), f32x4.splat(off2), f32x4.splat(sc2), f32x4.splat(tg2)));
		}
		for (; x < ow; x++) {
			warpPixel(r, g, b, sw, srows, sy0, sh, stride, planeBytes, outRow, x, ta * <f64>x + bxs, td * <f64>x + bys, off, sc, tg);
		}
	}
}

/** One output pixel at (sx, sy) of the source, taps clamped to the frame; NaN when outside it. */
function warpPixel(
	r: usize, g: usize, b: usize, sw: i32, srows: i32, sy0: i32, sh: i32, stride: usize, planeBytes: usize, outRow: usize, x: i32,
	sx: f64, sy: f64, off: v128, sc: v128, tg: v128
): void {
	const o = outRow + (<usize>x << 2);
	if (!(sx >= 0 && sx <= <f64>(sw - 1) && sy >= 0 && sy <= <f64>(sh - 1))) {
		const nan = reinterpret<f32>(0x7fc00000);
		store<f32>(o, nan);
		store<f32>(o + planeBytes, nan);
		store<f32>(o + 2 * planeBytes, nan);
		return;
	}
	const fx = Math.floor(sx);
	const fy = Math.floor(sy);
	const ix = <i32>fx;
	const wx = weights(<f32>(sx - fx));
	const wy = weights(<f32>(sy - fy));
	const rowsAt = rowOffsets(<i32>fy, sh, sy0, srows, stride);
	// columns ix - 1 .. ix + 2 clamped to the frame, as byte offsets
	const cols = i32x4.shl(i32x4.min_s(i32x4.max_s(i32x4.add(i32x4.splat(ix), i32x4(-1, 0, 1, 2)), i32x4.splat(0)), i32x4.splat(sw - 1)), 2);
	const pr = tapsAt(r, rowsAt, cols, wy, wx);
	const pg = tapsAt(g, rowsAt, cols, wy, wx);
	const pb = tapsAt(b, rowsAt, cols, wy, wx);
	const v = normalise(reduce4(pr, pg, pb, pb), off, sc, tg);
	store<f32>(o, f32x4.extract_lane(v, 0));
	store<f32>(o + planeBytes, f32x4.extract_lane(v, 1));
	store<f32>(o + 2 * planeBytes, f32x4.extract_lane(v, 2));
}

/** Lanes 0, 1 of a and of b. */
// @ts-ignore: decorator
@inline function pair(a: v128, b: v128): v128 {
	return i32x4.shuffle(a, b, 0, 1, 4, 5);
}

/** Whole f64 lanes (|v| < 2^31) of a and b as four i32: adding 2^52 + 2^51 puts the integer in the low
 * 32 bits of the mantissa, two's complement. Cheaper than trunc_sat, whose out-of-range handling is not
 * needed: lanes outside the frame never reach the fast path. */
// @ts-ignore: decorator
@inline function toInt(a: v128, b: v128): v128 {
	const magic = f64x2.splat(6755399441055744.0);
	return i32x4.shuffle(f64x2.add(a, magic), f64x2.add(b, magic), 0, 2, 4, 6);
}

/** 0 <= v <= hi, per f64 lane. */
// @ts-ignore: decorator
@inline function within(v: v128, zero: v128, hi: v128): v128 {
	return v128.and(f64x2.ge(v, zero), f64x2.le(v, hi));
}

/** Weight ((a t + b) t + c) t + d of one tap for the fractions t of four pixels. */
// @ts-ignore: decorator
@inline function horner(t: v128, a: f32, b: f32, c: f32, d: f32): v128 {
	return f32x4.add(f32x4.mul(f32x4.add(f32x4.mul(f32x4.add(f32x4.mul(f32x4.splat(a), t), f32x4.splat(b)), t), f32x4.splat(c)), t), f32x4.splat(d));
}

/** Four pixels on one source row and consecutive columns, p at the first pixel's top-left tap: each
 * column's rows weighted and summed, then the columns, as weigh() and reduce4() order them. */
// @ts-ignore: decorator
@inline function lanesTaps(p: usize, stride: usize, wy0: v128, wy1: v128, wy2: v128, wy3: v128, wx0: v128, wx1: v128, wx2: v128, wx3: v128): v128 {
	const p1 = p + stride;
	const p2 = p1 + stride;
	const p3 = p2 + stride;
	const a0 = f32x4.mul(column(p, p1, p2, p3, 0, wy0, wy1, wy2, wy3), wx0);
	const a1 = f32x4.mul(column(p, p1, p2, p3, 4, wy0, wy1, wy2, wy3), wx1);
	const a2 = f32x4.mul(column(p, p1, p2, p3, 8, wy0, wy1, wy2, wy3), wx2);
	const a3 = f32x4.mul(column(p, p1, p2, p3, 12, wy0, wy1, wy2, wy3), wx3);
	return f32x4.add(f32x4.add(a0, a1), f32x4.add(a2, a3));
}

// @ts-ignore: decorator
@inline function column(p0: usize, p1: usize, p2: usize, p3: usize, c: usize, wy0: v128, wy1: v128, wy2: v128, wy3: v128): v128 {
	let acc = f32x4.mul(v128.load(p0 + c), wy0);
	acc = f32x4.add(acc, f32x4.mul(v128.load(p1 + c), wy1));
	acc = f32x4.add(acc, f32x4.mul(v128.load(p2 + c), wy2));
	return f32x4.add(acc, f32x4.mul(v128.load(p3 + c), wy3));
}

/** (w0, w1, w2, w3) of the four taps at fraction t. */
// @ts-ignore: decorator
@inline function weights(t: f32): v128 {
	const tv = f32x4.splat(t);
	return f32x4.add(f32x4.mul(f32x4.add(f32x4.mul(f32x4.add(f32x4.mul(CR_A, tv), CR_B), tv), CR_C), tv), CR_D);
}

/** Byte offsets of the tap rows iy - 1 .. iy + 2, each clamped to the frame [0, sh) and then to the
 * rows held [sy0, sy0 + srows). */
// @ts-ignore: decorator
@inline function rowOffsets(iy: i32, sh: i32, sy0: i32, srows: i32, stride: usize): v128 {
	const zero = i32x4.splat(0);
	const inFrame = i32x4.min_s(i32x4.max_s(i32x4.add(i32x4.splat(iy), i32x4(-1, 0, 1, 2)), zero), i32x4.splat(sh - 1));
	const inHeld = i32x4.min_s(i32x4.max_s(i32x4.sub(inFrame, i32x4.splat(sy0)), zero), i32x4.splat(srows - 1));
	return i32x4.mul(inHeld, i32x4.splat(<i32>stride));
}

/** The tap rows weighted and summed, 4 columns at once, times the column weights: the 4 column terms. */
// @ts-ignore: decorator
@inline function weigh(l0: v128, l1: v128, l2: v128, l3: v128, wy: v128, wx: v128): v128 {
	let acc = f32x4.mul(l0, i32x4.shuffle(wy, wy, 0, 0, 0, 0));
	acc = f32x4.add(acc, f32x4.mul(l1, i32x4.shuffle(wy, wy, 1, 1, 1, 1)));
	acc = f32x4.add(acc, f32x4.mul(l2, i32x4.shuffle(wy, wy, 2, 2, 2, 2)));
	acc = f32x4.add(acc, f32x4.mul(l3, i32x4.shuffle(wy, wy, 3, 3, 3, 3)));
	return f32x4.mul(acc, wx);
}

/** Column terms of 4 consecutive columns starting at p (already offset to the first column). */
// @ts-ignore: decorator
@inline function taps(p: usize, rows: v128, wy: v128, wx: v128): v128 {
	return weigh(
		v128.load(p + <usize>i32x4.extract_lane(rows, 0)), v128.load(p + <usize>i32x4.extract_lane(rows, 1)),
		v128.load(p + <usize>i32x4.extract_lane(rows, 2)), v128.load(p + <usize>i32x4.extract_lane(rows, 3)), wy, wx
	);
}

/** Column terms for columns given one by one (clamped at the frame's edges). */
function tapsAt(p: usize, rows: v128, cols: v128, wy: v128, wx: v128): v128 {
	return weigh(gather(p + <usize>i32x4.extract_lane(rows, 0), cols), gather(p + <usize>i32x4.extract_lane(rows, 1), cols),
		gather(p + <usize>i32x4.extract_lane(rows, 2), cols), gather(p + <usize>i32x4.extract_lane(rows, 3), cols), wy, wx);
}

// @ts-ignore: decorator
@inline function gather(row: usize, cols: v128): v128 {
	let v = f32x4.splat(load<f32>(row + <usize>i32x4.extract_lane(cols, 0)));
	v = f32x4.replace_lane(v, 1, load<f32>(row + <usize>i32x4.extract_lane(cols, 1)));
	v = f32x4.replace_lane(v, 2, load<f32>(row + <usize>i32x4.extract_lane(cols, 2)));
	return f32x4.replace_lane(v, 3, load<f32>(row + <usize>i32x4.extract_lane(cols, 3)));
}

/** (sum a, sum b, sum c, sum d), each sum as (v0 + v1) + (v2 + v3). */
// @ts-ignore: decorator
@inline function reduce4(a: v128, b: v128, c: v128, d: v128): v128 {
	const s = f32x4.add(i32x4.shuffle(a, b, 0, 2, 4, 6), i32x4.shuffle(a, b, 1, 3, 5, 7));
	const t = f32x4.add(i32x4.shuffle(c, d, 0, 2, 4, 6), i32x4.shuffle(c, d, 1, 3, 5, 7));
	return f32x4.add(i32x4.shuffle(s, t, 0, 2, 4, 6), i32x4.shuffle(s, t, 1, 3, 5, 7));
}

// @ts-ignore: decorator
@inline function normalise(v: v128, off: v128, sc: v128, tg: v128): v128 {
	return f32x4.add(f32x4.mul(f32x4.sub(v, off), sc), tg);
}
