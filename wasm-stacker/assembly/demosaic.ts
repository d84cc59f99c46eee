// Stage 3: Bayer mosaic -> luminance (R + G + B) / 3 of the bilinear demosaic, for the star search
// (registration was tuned on it); the planes themselves are never stored. Colours: 0 = R, 1 = G, 2 = B.
//
// c00, c10, c01, c11 are the colours at (x, y) = (0,0), (1,0), (0,1), (1,1) of the run's first row,
// i.e. the pattern in storage order already shifted by the parity of the run's first frame row.
// The run's edges are mirrored (index -1 -> 1), which keeps the Bayer phase; output row y reads rows
// y-1..y+1 only, so rows inside a run equal the whole-frame result.

import { THIRD } from './detect';

/** lum = (R + G + B) / 3 of the bilinear demosaic of width*rows f32 at src, each colour and the sum in
 * the order `luminance` takes the planes. width, rows >= 2. Inside a row, 4 pixels (2 Bayer cells) at
 * a time: both colours' formulas in f32x4, picked per lane by the phase. */
export function demosaicLuminance(src: usize, lum: usize, width: i32, rows: i32, c00: i32, c10: i32, c01: i32, c11: i32): void {
	const stride = <usize>width << 2;
	const half = f32x4.splat(0.5);
	const quarter = f32x4.splat(0.25);
	const third = f32x4.splat(THIRD);
	for (let y = 0; y < rows; y++) {
		const up = y > 0 ? y - 1 : 1;
		const dn = y < rows - 1 ? y + 1 : rows - 2;
		const even = (y & 1) == 0;
		const ca = even ? c00 : c01; // colour at even x
		const cb = even ? c10 : c11; // colour at odd x
		const redInRow = (ca == 1 ? cb : ca) == 0; // the non-green colour of this row is red
		const off = <usize>y * stride;
		const row = src + off;
		const rowU = src + <usize>up * stride;
		const rowD = src + <usize>dn * stride;
		const out = lum + off;
		// lanes holding green: the even or the odd columns
		const green = ca == 1 ? i32x4(-1, 0, -1, 0) : i32x4(0, -1, 0, -1);
		pixel(row, rowU, rowD, out, 0, width, ca, cb, redInRow);
		pixel(row, rowU, rowD, out, 1, width, ca, cb, redInRow);
		let x = 2;
		for (; x + 5 <= width; x += 4) {
			const o = <usize>x << 2;
			const v = v128.load(row + o);
			const lr = f32x4.add(v128.load(row + o - 4), v128.load(row + o + 4));
			const ud = f32x4.add(v128.load(rowU + o), v128.load(rowD + o));
			const diag = f32x4.add(f32x4.add(v128.load(rowU + o - 4), v128.load(rowU + o + 4)), f32x4.add(v128.load(rowD + o - 4), v128.load(rowD + o + 4)));
			const g = v128.bitselect(v, f32x4.mul(f32x4.add(lr, ud), quarter), green);
			const inRow = v128.bitselect(f32x4.mul(lr, half), v, green); // this row's colour
			const inCol = v128.bitselect(f32x4.mul(ud, half), f32x4.mul(diag, quarter), green); // the other
			const r = select<v128>(inRow, inCol, redInRow);
			const b = select<v128>(inCol, inRow, redInRow);
			v128.store(out + o, f32x4.mul(f32x4.add(f32x4.add(r, g), b), third));
		}
		for (; x < width; x++) pixel(row, rowU, rowD, out, x, width, ca, cb, redInRow);
	}
}

/** One pixel, with the row's ends mirrored (x - 1 -> 1 at the left, x + 1 -> width - 2 at the right). */
// @ts-ignore: decorator
@inline function pixel(row: usize, rowU: usize, rowD: usize, out: usize, x: i32, width: i32, ca: i32, cb: i32, redInRow: bool): void {
	const xl = x > 0 ? x - 1 : 1;
	const xr = x < width - 1 ? x + 1 : width - 2;
	const o = <usize>x << 2;
	const ol = <usize>xl << 2;
	const or = <usize>xr << 2;
	const v = load<f32>(row + o);
	const lr = load<f32>(row + ol) + load<f32>(row + or);
	const ud = load<f32>(rowU + o) + load<f32>(rowD + o);
	let g: f32, inRow: f32, inCol: f32;
	if (((x & 1) == 0 ? ca : cb) == 1) {
		g = v;
		inRow = lr * 0.5;
		inCol = ud * 0.5;
	} else {
		const diag = load<f32>(rowU + ol) + load<f32>(rowU + or) + (load<f32>(rowD + ol) + load<f32>(rowD + or));
		inRow = v;
		g = (lr + ud) * 0.25;
		inCol = diag * 0.25;
	}
	const r = redInRow ? inRow : inCol;
	const b = redInRow ? inCol : inRow;
	store<f32>(out + o, (r + g + b) * THIRD);
}

/** Mono frame: the same values in all three planes. */
export function mono(src: usize, r: usize, g: usize, b: usize, count: i32): void {
	const bytes = <usize>count << 2;
	memory.copy(r, src, bytes);
	memory.copy(g, src, bytes);
	memory.copy(b, src, bytes);
}
