// Stage 5b: star measurement by adaptive Gaussian moments (the HSM scheme): weight the pixels with a
// Gaussian window, and from the windowed moments deconvolve the window exactly (for a Gaussian star,
// windowed covariance M = (C^-1 + W^-1)^-1); move the centre by C M^-1 m and the window to the star's
// size until both settle. Unbiased for symmetric stars and much less noisy than plain moments.
// Background: median of a square ring around the candidate.

import { median } from './select';

/** Ring used for the local background (Chebyshev radius, pixels). */
const RING_IN: i32 = 9;
const RING_OUT: i32 = 11;
/** Largest half-size of the measuring box; candidates must lie MARGIN pixels inside the run. */
const MAX_R: i32 = 10;
export const MARGIN: i32 = 14;
const MAX_ITER: i32 = 40;
/** Accepted star shapes (sigma in pixels): sharper is a hot pixel or cosmic ray, larger a galaxy. */
const MIN_SIGMA: f64 = 0.45;
const MAX_SIGMA: f64 = 8.0;
const MAX_ELONGATION: f64 = 2.5;
const SIGMA_TO_FWHM: f64 = 2.3548200450309493;
/** f64 per star in the output: x, y, flux, peak, fwhm, a, b, theta (degrees). */
export const STAR_FIELDS: i32 = 8;

// measurement state of the current candidate (module globals: no allocation)
let cx: f64 = 0;
let cy: f64 = 0;
let cxx: f64 = 0;
let cyy: f64 = 0;
let cxy: f64 = 0;

/** Measures candidates in order (at most maxTry) and keeps the maxKeep of largest flux in out
 * (STAR_FIELDS f64 each, y in frame rows: run row + y0), sorted by flux. scratch: 1024 f32.
 * Returns the number kept. */
export function measure(lum: usize, width: i32, rows: i32, y0: i32, cand: usize, ncand: i32, maxTry: i32, maxKeep: i32, scratch: usize, out: usize): i32 {
	const stride = <usize>width << 2;
	let kept = 0;
	const tries = min(ncand, maxTry);
	for (let c = 0; c < tries; c++) {
		const idx = load<i32>(cand + (<usize>c << 3));
		const px = idx % width;
		const py = idx / width;
		if (nearKept(out, kept, <f64>px, <f64>(py + y0), 0)) continue;
		const bg = ringMedian(lum, stride, px, py, scratch);
		if (!adaptiveMoments(lum, stride, px, py, bg)) continue;
		const tr = (cxx + cyy) * 0.5;
		const dd = Math.sqrt((cxx - cyy) * (cxx - cyy) * 0.25 + cxy * cxy);
		const l2 = tr - dd;
		if (l2 <= 0) continue;
		const a = Math.sqrt(tr + dd);
		const b = Math.sqrt(l2);
		if (b < MIN_SIGMA || a > MAX_SIGMA || a > MAX_ELONGATION * b) continue;
		const fwhm = SIGMA_TO_FWHM * Math.sqrt(a * b);
		if (nearKept(out, kept, cx, cy + <f64>y0, fwhm)) continue;
		const amplitude = fitAmplitude(lum, stride, bg, a);
		if (amplitude <= 0) continue;
		const flux = amplitude * 2.0 * Math.PI * a * b;
		// when full, a brighter star takes the place of the faintest kept
		let slot = kept;
		if (kept == maxKeep) {
			slot = faintest(out, kept);
			if (load<f64>(out + <usize>slot * (<usize>STAR_FIELDS << 3), 16) >= flux) continue;
		}
		const o = out + <usize>slot * (<usize>STAR_FIELDS << 3);
		store<f64>(o, cx);
		store<f64>(o, cy + <f64>y0, 8);
		store<f64>(o, flux, 16);
		store<f64>(o, peakAbove(lum, stride, bg), 24);
		store<f64>(o, fwhm, 32);
		store<f64>(o, a, 40);
		store<f64>(o, b, 48);
		store<f64>(o, (0.5 * Math.atan2(2.0 * cxy, cxx - cyy) * 180.0) / Math.PI, 56);
		if (slot == kept) kept++;
	}
	sortByFlux(out, kept);
	return kept;
}

/** Index of the kept star of least flux (the first of equals). */
function faintest(out: usize, kept: i32): i32 {
	let j = 0;
	for (let i = 1; i < kept; i++) {
		if (load<f64>(out + <usize>i * (<usize>STAR_FIELDS << 3), 16) < load<f64>(out + <usize>j * (<usize>STAR_FIELDS << 3), 16)) j = i;
	}
	return j;
}

/** Is (x, y) within max(3, 1.5 FWHM) of a star already kept (a second peak of the same star)? */
function nearKept(out: usize, kept: i32, x: f64, y: f64, fwhm: f64): bool {
	for (let j = 0; j < kept; j++) {
		const o = out + <usize>j * (<usize>STAR_FIELDS << 3);
		const dx = load<f64>(o) - x;
		const dy = load<f64>(o, 8) - y;
		const r = Math.max(3.0, 1.5 * Math.max(fwhm, load<f64>(o, 32)));
		if (dx * dx + dy * dy < r * r) return true;
	}
	return false;
}

function ringMedian(lum: usize, stride: usize, px: i32, py: i32, scratch: usize): f32 {
	let n = 0;
	for (let dy = -RING_OUT; dy <= RING_OUT; dy++) {
		const row = lum + <usize>(py + dy) * stride;
		const inner = dy >= -RING_IN + 1 && dy <= RING_IN - 1;
		for (let dx = -RING_OUT; dx <= RING_OUT; dx++) {
			if (inner && dx > -RING_IN && dx < RING_IN) continue;
			store<f32>(scratch + (<usize>(n++) << 2), load<f32>(row + (<usize>(px + dx) << 2)));
		}
	}
	return median(scratch, n);
}

// per-axis window weights, f64, at most 2 * MAX_R + 1 each (static scratch in the data segment)
const wx = memory.data(8 * (2 * MAX_R + 1));
const wy = memory.data(8 * (2 * MAX_R + 1));

/** Iterates centre (cx, cy) and covariance (cxx, cyy, cxy) from the candidate pixel. false: no star. */
function adaptiveMoments(lum: usize, stride: usize, px: i32, py: i32, bg: f32): bool {
	cx = <f64>px;
	cy = <f64>py;
	let s2: f64 = 1.5; // window variance, isotropic
	for (let it = 0; it < MAX_ITER; it++) {
		const r = <i32>Math.min(<f64>MAX_R, Math.max(3.0, Math.ceil(4.0 * Math.sqrt(s2))));
		const ix = <i32>Math.round(cx);
		const iy = <i32>Math.round(cy);
		if (abs(ix - px) > 3 || abs(iy - py) > 3) return false;
		const inv = -0.5 / s2;
		for (let k = -r; k <= r; k++) {
			const ex = <f64>(ix + k) - cx;
			const ey = <f64>(iy + k) - cy;
			store<f64>(wx + (<usize>(k + r) << 3), Math.exp(inv * ex * ex));
			store<f64>(wy + (<usize>(k + r) << 3), Math.exp(inv * ey * ey));
		}
		let s0: f64 = 0, sx: f64 = 0, sy: f64 = 0, sxx: f64 = 0, syy: f64 = 0, sxy: f64 = 0;
		for (let j = -r; j <= r; j++) {
			const row = lum + <usize>(iy + j) * stride;
			const ey = <f64>(iy + j) - cy;
			const wyj = load<f64>(wy + (<usize>(j + r) << 3));
			let t0: f64 = 0, tx: f64 = 0, txx: f64 = 0;
			for (let k = -r; k <= r; k++) {
				const v = <f64>(load<f32>(row + (<usize>(ix + k) << 2)) - bg) * load<f64>(wx + (<usize>(k + r) << 3));
				const ex = <f64>(ix + k) - cx;
				t0 += v;
				tx += v * ex;
				txx += v * ex * ex;
			}
			s0 += wyj * t0;
			sx += wyj * tx;
			sxx += wyj * txx;
			sy += wyj * t0 * ey;
			syy += wyj * t0 * ey * ey;
			sxy += wyj * tx * ey;
		}
		if (s0 <= 0) return false;
		const mx = sx / s0;
		const my = sy / s0;
		const mxx = sxx / s0 - mx * mx;
		const myy = syy / s0 - my * my;
		const mxy = sxy / s0 - mx * my;
		const det = mxx * myy - mxy * mxy;
		if (mxx <= 0 || det <= 0) return false;
		// C^-1 = M^-1 - W^-1; a star as wide as the window cannot be deconvolved: widen the window
		const ixx = myy / det - 1.0 / s2;
		const iyy = mxx / det - 1.0 / s2;
		const ixy = -mxy / det;
		const detI = ixx * iyy - ixy * ixy;
		if (ixx <= 0 || detI <= 0) {
			if (s2 >= MAX_SIGMA * MAX_SIGMA) return false;
			s2 *= 2.0;
			continue;
		}
		cxx = iyy / detI;
		cyy = ixx / detI;
		cxy = -ixy / detI;
		// centre offset mu - c = C M^-1 m
		const ux = (myy * mx - mxy * my) / det;
		const uy = (mxx * my - mxy * mx) / det;
		let dx = cxx * ux + cxy * uy;
		let dy = cxy * ux + cyy * uy;
		const step = Math.sqrt(dx * dx + dy * dy);
		if (step > 1.0) {
			dx /= step;
			dy /= step;
		}
		cx += dx;
		cy += dy;
		const next = Math.min(MAX_SIGMA * MAX_SIGMA, Math.max(0.16, Math.sqrt(cxx * cyy - cxy * cxy)));
		const settled = Math.abs(dx) < 1e-6 && Math.abs(dy) < 1e-6 && Math.abs(next - s2) < 1e-6 * s2;
		s2 = next;
		if (settled) return true;
	}
	return false;
}

/** Least-squares amplitude of the fitted Gaussian profile (centre cx, cy; covariance C). */
function fitAmplitude(lum: usize, stride: usize, bg: f32, a: f64): f64 {
	const r = <i32>Math.min(<f64>MAX_R, Math.max(3.0, Math.ceil(3.5 * a)));
	const ix = <i32>Math.round(cx);
	const iy = <i32>Math.round(cy);
	const det = cxx * cyy - cxy * cxy;
	const ixx = cyy / det;
	const iyy = cxx / det;
	const ixy = -cxy / det;
	let sig: f64 = 0;
	let sgg: f64 = 0;
	for (let j = -r; j <= r; j++) {
		const row = lum + <usize>(iy + j) * stride;
		const ey = <f64>(iy + j) - cy;
		for (let k = -r; k <= r; k++) {
			const ex = <f64>(ix + k) - cx;
			const g = Math.exp(-0.5 * (ixx * ex * ex + 2.0 * ixy * ex * ey + iyy * ey * ey));
			sig += <f64>(load<f32>(row + (<usize>(ix + k) << 2)) - bg) * g;
			sgg += g * g;
		}
	}
	return sig / sgg;
}

/** Brightest pixel above the background in the 3x3 around the centre. */
function peakAbove(lum: usize, stride: usize, bg: f32): f64 {
	const ix = <i32>Math.round(cx);
	const iy = <i32>Math.round(cy);
	let peak: f32 = -Infinity;
	for (let j = -1; j <= 1; j++) {
		const row = lum + <usize>(iy + j) * stride;
		for (let k = -1; k <= 1; k++) peak = max(peak, load<f32>(row + (<usize>(ix + k) << 2)));
	}
	return <f64>(peak - bg);
}

/** Insertion sort of the kept stars by flux, brightest first; stable, so ties keep detection order. */
function sortByFlux(out: usize, n: i32): void {
	const size = <usize>STAR_FIELDS << 3;
	const tmp = memory.data(8 * STAR_FIELDS);
	for (let i = 1; i < n; i++) {
		memory.copy(tmp, out + <usize>i * size, size);
		const flux = load<f64>(tmp, 16);
		let j = i - 1;
		while (j >= 0 && load<f64>(out + <usize>j * size, 16) < flux) {
			memory.copy(out + <usize>(j + 1) * size, out + <usize>j * size, size);
			j--;
		}
		memory.copy(out + <usize>(j + 1) * size, tmp, size);
	}
}
