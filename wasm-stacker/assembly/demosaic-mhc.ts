// Stage 3 of the stack path: Bayer mosaic -> planar R, G, B by Malvar-He-Cutler (2004) gradient-
// corrected interpolation: the bilinear estimate plus the same-site Laplacian of the colour that was
// sampled, so R and B take G's detail and stars keep their width (bilinear spreads R and B, one site
// in four, over a tent of half-width 2). Colours: 0 = R, 1 = G, 2 = B; c00..c11 and the row loop
// in bayer-rows.ts.
//
// 5 x 5 filters, coefficients in eighths. With c the pixel, lr1/ud1 its left+right/up+down
// neighbours, lr2/ud2 those at distance 2, diag the four diagonal neighbours:
//   G at an R/B site:            (4c + 2(lr1 + ud1) - (lr2 + ud2)) / 8
//   R/B at G, neighbours in row: (5c + 4 lr1 - lr2 - diag + ud2/2) / 8   (column: lr <-> ud)
//   B/R at an R/B site:          (6c + 2 diag - 3/2 (lr2 + ud2)) / 8
// Each coefficient set sums to 1 (flat fields pass). The run's edges are mirrored (-k -> k), which
// keeps the Bayer phase; output row y reads rows y-2..y+2 only, so rows inside a run (2 from its
// ends) equal the whole-frame result. The scalar edge pixels do the vector lanes' arithmetic.
import { bayerRows } from './bayer-rows';

/** MHC demosaic of width*rows f32 at src into the planes r, g, b. width, rows >= 3. Inside a row, 4
 * pixels (2 Bayer cells) at a time, both colours' formulas in f32x4 and a per-lane select by phase. */
export function demosaicMhc(src: usize, r: usize, g: usize, b: usize, width: i32, rows: i32, c00: i32, c10: i32, c01: i32, c11: i32): void {
	bayerRows(src, r, g, b, width, rows, c00, c10, c01, c11, true);
}

/** Output row y (at src + off, its planes pg, pRow, pCol), reading rows y-2..y+2 mirrored. */
// @ts-ignore: decorator
@inline export function mhcRow(src: usize, y: i32, rows: i32, width: i32, off: usize, pg: usize, pRow: usize, pCol: usize, green: v128, ca: i32, cb: i32): void {
	const stride = <usize>width << 2;
	const row = src + off;
	const u1 = src + <usize>mirror(y - 1, rows) * stride;
	const d1 = src + <usize>mirror(y + 1, rows) * stride;
	const u2 = src + <usize>mirror(y - 2, rows) * stride;
	const d2 = src + <usize>mirror(y + 2, rows) * stride;
	let x = 0;
	for (; x < 2; x++) pixel(row, u1, d1, u2, d2, pg, pRow, pCol, x, width, ca, cb);
	for (; x + 6 <= width; x += 4) {
		const o = <usize>x << 2;
		const c = v128.load(row + o);
		const lr1 = f32x4.add(v128.load(row + o - 4), v128.load(row + o + 4));
		const ud1 = f32x4.add(v128.load(u1 + o), v128.load(d1 + o));
		const lr2 = f32x4.add(v128.load(row + o - 8), v128.load(row + o + 8));
		const ud2 = f32x4.add(v128.load(u2 + o), v128.load(d2 + o));
		const diag = f32x4.add(f32x4.add(v128.load(u1 + o - 4), v128.load(u1 + o + 4)), f32x4.add(v128.load(d1 + o - 4), v128.load(d1 + o + 4)));
		v128.store(pg + o, v128.bitselect(c, greenAt(c, lr1, ud1, lr2, ud2), green));
		v128.store(pRow + o, v128.bitselect(alongV(c, lr1, lr2, ud2, diag), c, green));
		v128.store(pCol + o, v128.bitselect(alongV(c, ud1, ud2, lr2, diag), acrossV(c, lr2, ud2, diag), green));
	}
	for (; x < width; x++) pixel(row, u1, d1, u2, d2, pg, pRow, pCol, x, width, ca, cb);
}

/** Index i of 0..n-1 mirrored about the ends (-k -> k, n-1+k -> n-1-k). */
// @ts-ignore: decorator
@inline function mirror(i: i32, n: i32): i32 {
	return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
}

// @ts-ignore: decorator
@inline function greenAt(c: v128, lr1: v128, ud1: v128, lr2: v128, ud2: v128): v128 {
	const s = f32x4.add(f32x4.mul(c, f32x4.splat(4)), f32x4.mul(f32x4.add(lr1, ud1), f32x4.splat(2)));
	return f32x4.mul(f32x4.sub(s, f32x4.add(lr2, ud2)), f32x4.splat(0.125));
}

/** R/B at a G site from its neighbours along one axis (near1, near2) and across it (far2). */
// @ts-ignore: decorator
@inline function alongV(c: v128, near1: v128, near2: v128, far2: v128, diag: v128): v128 {
	const s = f32x4.add(f32x4.mul(c, f32x4.splat(5)), f32x4.mul(near1, f32x4.splat(4)));
	return f32x4.mul(f32x4.add(f32x4.sub(f32x4.sub(s, near2), diag), f32x4.mul(far2, f32x4.splat(0.5))), f32x4.splat(0.125));
}

// @ts-ignore: decorator
@inline function acrossV(c: v128, lr2: v128, ud2: v128, diag: v128): v128 {
	const s = f32x4.add(f32x4.mul(c, f32x4.splat(6)), f32x4.mul(diag, f32x4.splat(2)));
	return f32x4.mul(f32x4.sub(s, f32x4.mul(f32x4.add(lr2, ud2), f32x4.splat(1.5))), f32x4.splat(0.125));
}

/** One pixel with mirrored columns: the vector formulas on lane 0. */
// @ts-ignore: decorator
@inline function pixel(row: usize, u1: usize, d1: usize, u2: usize, d2: usize, pg: usize, pRow: usize, pCol: usize, x: i32, width: i32, ca: i32, cb: i32): void {
	const o = <usize>x << 2;
	const l1 = <usize>mirror(x - 1, width) << 2;
	const r1 = <usize>mirror(x + 1, width) << 2;
	const l2 = <usize>mirror(x - 2, width) << 2;
	const r2 = <usize>mirror(x + 2, width) << 2;
	const c = f32x4.splat(load<f32>(row + o));
	const lr1 = f32x4.splat(load<f32>(row + l1) + load<f32>(row + r1));
	const ud1 = f32x4.splat(load<f32>(u1 + o) + load<f32>(d1 + o));
	const lr2 = f32x4.splat(load<f32>(row + l2) + load<f32>(row + r2));
	const ud2 = f32x4.splat(load<f32>(u2 + o) + load<f32>(d2 + o));
	const diag = f32x4.splat((load<f32>(u1 + l1) + load<f32>(u1 + r1)) + (load<f32>(d1 + l1) + load<f32>(d1 + r1)));
	if (((x & 1) == 0 ? ca : cb) == 1) {
		store<f32>(pg + o, f32x4.extract_lane(c, 0));
		store<f32>(pRow + o, f32x4.extract_lane(alongV(c, lr1, lr2, ud2, diag), 0));
		store<f32>(pCol + o, f32x4.extract_lane(alongV(c, ud1, ud2, lr2, diag), 0));
	} else {
		store<f32>(pRow + o, f32x4.extract_lane(c, 0));
		store<f32>(pg + o, f32x4.extract_lane(greenAt(c, lr1, ud1, lr2, ud2), 0));
		store<f32>(pCol + o, f32x4.extract_lane(acrossV(c, lr2, ud2, diag), 0));
	}
}
