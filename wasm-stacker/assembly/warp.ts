// Stage 6: resample a frame into the output geometry with Catmull-Rom bicubic interpolation, then
// normalise v' = (v - offset) * scale + target per channel. Output pixels whose source point lies
// outside the frame are NaN in all three planes (not covered).
//
// Each output pixel is computed from its own (x, y) only (the affine is evaluated per pixel in f64,
// never accumulated), so any split of the output into bands gives the same values.

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
	const maxX = <f64>(sw - 1);
	const maxY = <f64>(sh - 1);
	const nan = reinterpret<f32>(0x7fc00000);
	for (let j = 0; j < orows; j++) {
		const y = <f64>(oy0 + j);
		const bx = tb * y + tc;
		const by = te * y + tf;
		const outRow = dst + <usize>j * (<usize>ow << 2);
		for (let x = 0; x < ow; x++) {
			const o = outRow + (<usize>x << 2);
			const sx = ta * <f64>x + bx;
			const sy = td * <f64>x + by;
			if (!(sx >= 0 && sx <= maxX && sy >= 0 && sy <= maxY)) {
				store<f32>(o, nan);
				store<f32>(o + planeBytes, nan);
				store<f32>(o + 2 * planeBytes, nan);
				continue;
			}
			const fx = Math.floor(sx);
			const fy = Math.floor(sy);
			const ix = <i32>fx;
			const iy = <i32>fy;
			const tx = <f32>(sx - fx);
			const ty = <f32>(sy - fy);
			// Catmull-Rom weights
			const wx0: f32 = ((-0.5 * tx + 1.0) * tx - 0.5) * tx;
			const wx1: f32 = (1.5 * tx - 2.5) * tx * tx + 1.0;
			const wx2: f32 = ((-1.5 * tx + 2.0) * tx + 0.5) * tx;
			const wx3: f32 = (0.5 * tx - 0.5) * tx * tx;
			const wy0: f32 = ((-0.5 * ty + 1.0) * ty - 0.5) * ty;
			const wy1: f32 = (1.5 * ty - 2.5) * ty * ty + 1.0;
			const wy2: f32 = ((-1.5 * ty + 2.0) * ty + 0.5) * ty;
			const wy3: f32 = (0.5 * ty - 0.5) * ty * ty;
			// source rows clamped to the frame, then to the rows held
			const r0 = <usize>rowIn(iy - 1, sh, sy0, srows) * stride;
			const r1 = <usize>rowIn(iy, sh, sy0, srows) * stride;
			const r2 = <usize>rowIn(iy + 1, sh, sy0, srows) * stride;
			const r3 = <usize>rowIn(iy + 2, sh, sy0, srows) * stride;
			let vr: f32, vg: f32, vb: f32;
			if (ix >= 1 && ix + 2 < sw) {
				const c = <usize>(ix - 1) << 2;
				const wxv = f32x4(wx0, wx1, wx2, wx3);
				const w0 = f32x4.splat(wy0);
				const w1 = f32x4.splat(wy1);
				const w2 = f32x4.splat(wy2);
				const w3 = f32x4.splat(wy3);
				vr = tap4(r + c, r0, r1, r2, r3, w0, w1, w2, w3, wxv);
				vg = tap4(g + c, r0, r1, r2, r3, w0, w1, w2, w3, wxv);
				vb = tap4(b + c, r0, r1, r2, r3, w0, w1, w2, w3, wxv);
			} else {
				const c0 = <usize>clampi(ix - 1, sw) << 2;
				const c1 = <usize>clampi(ix, sw) << 2;
				const c2 = <usize>clampi(ix + 1, sw) << 2;
				const c3 = <usize>clampi(ix + 2, sw) << 2;
				vr = tapScalar(r, r0, r1, r2, r3, c0, c1, c2, c3, wx0, wx1, wx2, wx3, wy0, wy1, wy2, wy3);
				vg = tapScalar(g, r0, r1, r2, r3, c0, c1, c2, c3, wx0, wx1, wx2, wx3, wy0, wy1, wy2, wy3);
				vb = tapScalar(b, r0, r1, r2, r3, c0, c1, c2, c3, wx0, wx1, wx2, wx3, wy0, wy1, wy2, wy3);
			}
			store<f32>(o, (vr - off0) * sc0 + tg0);
			store<f32>(o + planeBytes, (vg - off1) * sc1 + tg1);
			store<f32>(o + 2 * planeBytes, (vb - off2) * sc2 + tg2);
		}
	}
}

// @ts-ignore: decorator
@inline function clampi(v: i32, n: i32): i32 {
	return v < 0 ? 0 : v >= n ? n - 1 : v;
}

/** Frame row y clamped to the frame, as an index into the rows held (clamped to them as well). */
// @ts-ignore: decorator
@inline function rowIn(y: i32, sh: i32, sy0: i32, srows: i32): i32 {
	return clampi(clampi(y, sh) - sy0, srows);
}

/** Sum over the 4x4 taps: rows weighted first (4 columns at once), then the columns. */
// @ts-ignore: decorator
@inline function tap4(p: usize, r0: usize, r1: usize, r2: usize, r3: usize, w0: v128, w1: v128, w2: v128, w3: v128, wxv: v128): f32 {
	let acc = f32x4.mul(v128.load(p + r0), w0);
	acc = f32x4.add(acc, f32x4.mul(v128.load(p + r1), w1));
	acc = f32x4.add(acc, f32x4.mul(v128.load(p + r2), w2));
	acc = f32x4.add(acc, f32x4.mul(v128.load(p + r3), w3));
	const t = f32x4.mul(acc, wxv);
	return f32x4.extract_lane(t, 0) + f32x4.extract_lane(t, 1) + (f32x4.extract_lane(t, 2) + f32x4.extract_lane(t, 3));
}

/** The same sums as tap4, in the same order, for columns clamped at the frame's left/right edge. */
function tapScalar(
	p: usize, r0: usize, r1: usize, r2: usize, r3: usize, c0: usize, c1: usize, c2: usize, c3: usize,
	wx0: f32, wx1: f32, wx2: f32, wx3: f32, wy0: f32, wy1: f32, wy2: f32, wy3: f32
): f32 {
	const a0 = load<f32>(p + r0 + c0) * wy0 + load<f32>(p + r1 + c0) * wy1 + load<f32>(p + r2 + c0) * wy2 + load<f32>(p + r3 + c0) * wy3;
	const a1 = load<f32>(p + r0 + c1) * wy0 + load<f32>(p + r1 + c1) * wy1 + load<f32>(p + r2 + c1) * wy2 + load<f32>(p + r3 + c1) * wy3;
	const a2 = load<f32>(p + r0 + c2) * wy0 + load<f32>(p + r1 + c2) * wy1 + load<f32>(p + r2 + c2) * wy2 + load<f32>(p + r3 + c2) * wy3;
	const a3 = load<f32>(p + r0 + c3) * wy0 + load<f32>(p + r1 + c3) * wy1 + load<f32>(p + r2 + c3) * wy2 + load<f32>(p + r3 + c3) * wy3;
	return a0 * wx0 + a1 * wx1 + (a2 * wx2 + a3 * wx3);
}
