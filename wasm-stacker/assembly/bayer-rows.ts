// The row loop of both demosaics (demosaic.ts, demosaic-mhc.ts): each row's Bayer phase, then the
// row itself. c00, c10, c01, c11 are the colours (0 = R, 1 = G, 2 = B) at (x, y) = (0,0), (1,0),
// (0,1), (1,1) of the run's first row, i.e. the pattern in storage order already shifted by the
// parity of the run's first frame row. Each row's code is inlined here: one loop, no call per row.
import { bilinearRow } from './demosaic';
import { mhcRow } from './demosaic-mhc';

/** Every row of a width*rows mosaic at src into the planes r, g, b: MHC when `mhc`, else bilinear. */
// @ts-ignore: decorator
@inline export function bayerRows(src: usize, r: usize, g: usize, b: usize, width: i32, rows: i32, c00: i32, c10: i32, c01: i32, c11: i32, mhc: bool): void {
	const stride = <usize>width << 2;
	for (let y = 0; y < rows; y++) {
		const even = (y & 1) == 0;
		const ca = even ? c00 : c01; // colour at even x
		const cb = even ? c10 : c11; // colour at odd x
		const rowOther = ca == 1 ? cb : ca; // the non-green colour of this row
		const off = <usize>y * stride;
		const pg = g + off;
		const pRow = (rowOther == 0 ? r : b) + off; // planes of this row's and the other row's colour
		const pCol = (rowOther == 0 ? b : r) + off;
		// lanes holding green: the even or the odd columns
		const green = ca == 1 ? i32x4(-1, 0, -1, 0) : i32x4(0, -1, 0, -1);
		if (mhc) mhcRow(src, y, rows, width, off, pg, pRow, pCol, green, ca, cb);
		else bilinearRow(src, y, rows, width, off, pg, pRow, pCol, green, ca, cb);
	}
}
