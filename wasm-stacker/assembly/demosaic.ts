// Stage 3: Bayer mosaic -> planar R, G, B (bilinear). Colours: 0 = R, 1 = G, 2 = B; c00..c11 and the
// row loop in bayer-rows.ts. The run's edges are mirrored (index -1 -> 1), which keeps the Bayer
// phase; output row y reads rows y-1..y+1 only, so rows inside a run equal the whole-frame result.
import { bayerRows } from './bayer-rows';

/** Bilinear demosaic of width*rows f32 at src into the planes r, g, b. width, rows >= 2. Inside a row,
 * 4 pixels (2 Bayer cells) at a time: both colours' formulas in f32x4, picked per lane by the phase. */
export function demosaic(src: usize, r: usize, g: usize, b: usize, width: i32, rows: i32, c00: i32, c10: i32, c01: i32, c11: i32): void {
	bayerRows(src, r, g, b, width, rows, c00, c10, c01, c11, false);
}

/** Output row y (at src + off, its planes pg, pRow, pCol), reading rows y-1..y+1 mirrored. */
// @ts-ignore: decorator
@inline export function bilinearRow(src: usize, y: i32, rows: i32, width: i32, off: usize, pg: usize, pRow: usize, pCol: usize, green: v128, ca: i32, cb: i32): void {
	const stride = <usize>width << 2;
	const half = f32x4.splat(0.5);
	const quarter = f32x4.splat(0.25);
	const up = y > 0 ? y - 1 : 1;
	const dn = y < rows - 1 ? y + 1 : rows - 2;
	const row = src + off;
	const rowU = src + <usize>up * stride;
	const rowD = src + <usize>dn * stride;
	pixel(row, rowU, rowD, pg, pRow, pCol, 0, width, ca, cb);
	pixel(row, rowU, rowD, pg, pRow, pCol, 1, width, ca, cb);
	let x = 2;
	for (; x + 5 <= width; x += 4) {
		const o = <usize>x << 2;
		const v = v128.load(row + o);
		const lr = f32x4.add(v128.load(row + o - 4), v128.load(row + o + 4));
		const ud = f32x4.add(v128.load(rowU + o), v128.load(rowD + o));
		const diag = f32x4.add(f32x4.add(v128.load(rowU + o - 4), v128.load(rowU + o + 4)), f32x4.add(v128.load(rowD + o - 4), v128.load(rowD + o + 4)));
		v128.store(pg + o, v128.bitselect(v, f32x4.mul(f32x4.add(lr, ud), quarter), green));
		v128.store(pRow + o, v128.bitselect(f32x4.mul(lr, half), v, green));
		v128.store(pCol + o, v128.bitselect(f32x4.mul(ud, half), f32x4.mul(diag, quarter), green));
	}
	for (; x < width; x++) pixel(row, rowU, rowD, pg, pRow, pCol, x, width, ca, cb);
}

/** One pixel, with the row's ends mirrored (x - 1 -> 1 at the left, x + 1 -> width - 2 at the right). */
// @ts-ignore: decorator
@inline function pixel(row: usize, rowU: usize, rowD: usize, pg: usize, pRow: usize, pCol: usize, x: i32, width: i32, ca: i32, cb: i32): void {
	const xl = x > 0 ? x - 1 : 1;
	const xr = x < width - 1 ? x + 1 : width - 2;
	const o = <usize>x << 2;
	const ol = <usize>xl << 2;
	const or = <usize>xr << 2;
	const v = load<f32>(row + o);
	const lr = load<f32>(row + ol) + load<f32>(row + or);
	const ud = load<f32>(rowU + o) + load<f32>(rowD + o);
	if (((x & 1) == 0 ? ca : cb) == 1) {
		store<f32>(pg + o, v);
		store<f32>(pRow + o, lr * 0.5);
		store<f32>(pCol + o, ud * 0.5);
	} else {
		const diag = load<f32>(rowU + ol) + load<f32>(rowU + or) + (load<f32>(rowD + ol) + load<f32>(rowD + or));
		store<f32>(pRow + o, v);
		store<f32>(pg + o, (lr + ud) * 0.25);
		store<f32>(pCol + o, diag * 0.25);
	}
}

/** Mono frame: the same values in all three planes. */
export function mono(src: usize, r: usize, g: usize, b: usize, count: i32): void {
	const bytes = <usize>count << 2;
	memory.copy(r, src, bytes);
	memory.copy(g, src, bytes);
	memory.copy(b, src, bytes);
}
