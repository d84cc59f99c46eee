// Stage 2: hot-pixel correction on the CFA mosaic (or a mono frame).
//
// A pixel is hot when it is (1) above all 8 same-colour neighbours at distance `step` (2 on a Bayer
// mosaic, 1 on mono), (2) above their median by more than k times a noise estimate taken from their
// spread (range of 8 normal samples ~ 2.85 sigma), and (3) isolated: its direct neighbours (another
// colour on a mosaic) are not raised. A star, even one sharper than the Bayer cell, lights its direct
// neighbours; a hot pixel does not. Hot pixels get the median of their same-colour neighbours.
// Reads only rows y-3..y+3 of the input, so a run of rows gives the whole-frame result for every row
// at least 3 rows inside the run; the outer 3 rows and columns of a run are never changed.

import { sortSmall } from './select';

const RANGE_TO_SIGMA: f32 = 1.0 / 2.85;

/** Writes src to dst (width*rows f32) with its hot pixels corrected. `ring` is 8 f32 of scratch.
 * Returns the number of pixels replaced. */
export function cosmetic(src: usize, dst: usize, width: i32, rows: i32, step: i32, k: f32, ratio: f32, ring: usize): i32 {
	const stride = <usize>width << 2;
	const s = <usize>step << 2;
	const sRow = stride * <usize>step;
	// the loops below write every pixel they test (one pass instead of a copy first); the outer 3 rows
	// and columns are copied
	const top = min(rows, 3);
	const bottom = max(top, rows - 3);
	memory.copy(dst, src, <usize>top * stride);
	memory.copy(dst + <usize>bottom * stride, src + <usize>bottom * stride, <usize>(rows - bottom) * stride);
	const left = <usize>min(width, 3) << 2;
	const right = <usize>max(3, width - 3) << 2;
	let count = 0;
	for (let y = 3; y < rows - 3; y++) {
		const row = src + <usize>y * stride;
		const out = dst + <usize>y * stride;
		memory.copy(out, row, left);
		memory.copy(out + right, row + right, stride - right);
		let x = 3;
		// SIMD prefilter, necessary conditions of (1) and (2): above the neighbours' max, and above
		// their min (<= median) by more than k * sigma. pmax/pmin (one instruction each, unlike max/min)
		// may skip a NaN neighbour; fix() then refuses the pixel, as the NaN-propagating max would have.
		const kr = f32x4.splat(k * RANGE_TO_SIGMA);
		for (; x + 4 <= width - 3; x += 4) {
			const p = row + (<usize>x << 2);
			const a0 = v128.load(p - s), a1 = v128.load(p + s), a2 = v128.load(p - sRow), a3 = v128.load(p + sRow);
			const a4 = v128.load(p - sRow - s), a5 = v128.load(p - sRow + s), a6 = v128.load(p + sRow - s), a7 = v128.load(p + sRow + s);
			const hi = f32x4.pmax(f32x4.pmax(f32x4.pmax(a0, a1), f32x4.pmax(a2, a3)), f32x4.pmax(f32x4.pmax(a4, a5), f32x4.pmax(a6, a7)));
			const lo = f32x4.pmin(f32x4.pmin(f32x4.pmin(a0, a1), f32x4.pmin(a2, a3)), f32x4.pmin(f32x4.pmin(a4, a5), f32x4.pmin(a6, a7)));
			const v = v128.load(p);
			v128.store(out + (<usize>x << 2), v);
			const cand = v128.and(f32x4.gt(v, hi), f32x4.gt(f32x4.sub(v, lo), f32x4.mul(kr, f32x4.sub(hi, lo))));
			const above = i32x4.bitmask(cand);
			if (above == 0) continue;
			for (let lane = 0; lane < 4; lane++) {
				if ((above >> lane) & 1) count += fix(row, out, x + lane, s, sRow, stride, k, ratio, ring);
			}
		}
		for (; x < width - 3; x++) {
			const p = row + (<usize>x << 2);
			store<f32>(out + (<usize>x << 2), load<f32>(p));
			let m = max(max(load<f32>(p - s), load<f32>(p + s)), max(load<f32>(p - sRow), load<f32>(p + sRow)));
			m = max(m, max(max(load<f32>(p - sRow - s), load<f32>(p - sRow + s)), max(load<f32>(p + sRow - s), load<f32>(p + sRow + s))));
			if (load<f32>(p) > m) count += fix(row, out, x, s, sRow, stride, k, ratio, ring);
		}
	}
	return count;
}

/** Tests conditions (2) and (3) for pixel x of a row that passes (1) unless a neighbour is NaN (then
 * it is not hot: no order with a NaN); replaces it in dstRow. */
function fix(row: usize, dstRow: usize, x: i32, s: usize, sRow: usize, stride: usize, k: f32, ratio: f32, ring: usize): i32 {
	const p = row + (<usize>x << 2);
	store<f32>(ring, load<f32>(p - s));
	store<f32>(ring, load<f32>(p + s), 4);
	store<f32>(ring, load<f32>(p - sRow), 8);
	store<f32>(ring, load<f32>(p + sRow), 12);
	store<f32>(ring, load<f32>(p - sRow - s), 16);
	store<f32>(ring, load<f32>(p - sRow + s), 20);
	store<f32>(ring, load<f32>(p + sRow - s), 24);
	store<f32>(ring, load<f32>(p + sRow + s), 28);
	const r0 = v128.load(ring);
	const r1 = v128.load(ring, 16);
	if (!i32x4.all_true(v128.and(f32x4.eq(r0, r0), f32x4.eq(r1, r1)))) return 0;
	sortSmall(ring, 8);
	const med = (load<f32>(ring, 12) + load<f32>(ring, 16)) * 0.5;
	const sigma = (load<f32>(ring, 28) - load<f32>(ring)) * RANGE_TO_SIGMA;
	const excess = load<f32>(p) - med;
	if (excess <= k * sigma) return 0;
	// direct neighbours against their own colour 3 pixels out (same colour on a Bayer mosaic)
	const h = (load<f32>(p - 4) + load<f32>(p + 4) - (load<f32>(p - 12) + load<f32>(p + 12))) * 0.5;
	const v = (load<f32>(p - stride) + load<f32>(p + stride) - (load<f32>(p - 3 * stride) + load<f32>(p + 3 * stride))) * 0.5;
	if (excess <= ratio * max(h, v)) return 0;
	store<f32>(dstRow + (<usize>x << 2), med);
	return 1;
}
