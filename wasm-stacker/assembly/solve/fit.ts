// Stage 3: the WCS fit. The model is ξ, η (arcsec, tangent plane at the frame's centre) as
// polynomials in the pixel offsets (u, v) from the image centre (CRPIX): order 1 is TAN with any
// CD; orders 2 and 3 carry SIP terms. Each round re-centres the tangent point on the image centre,
// projects the catalogue stars that fall on the image, matches each to the nearest detected star
// within the match distance (a detected star claimed twice goes to the closer), and re-fits. SIP is
// kept only where it pays for its terms: the order of least BIC, n·ln(RSS/n) + k·ln(n). The last
// rounds clip the match distance to the residuals.

import { CLIP_FLOOR, CLIP_ROUNDS, CLIP_SIGMAS, FIT_ROUNDS, MATCH_TOL, MAX_ORDER, NORM, PAIRS_PER_TERM, SIP_ROUNDS } from './constants';
import { COEF_BYTES, evaluate, fitPolynomial, MAX_TERMS, PAIR_BYTES, pairResidual2, termCount } from './lsq';
import { nearest, nearestDist2, pointAt } from './points';
import {
	candidate, catXyz, claims, coef, detList, detSorted, field, FIELD_BYTES, frame, height, lsq, mono, nCat, nDet, pairs, residuals, scale, tmp, trial, width
} from './regions';
import { cosToCentre, DEG, FRAME_BYTES, project, recentre } from './sphere';

/** Arcseconds per radian. */
export const ARCSEC: f64 = 3600.0 * DEG;

let order: i32 = 1;
let nField: i32 = 0;
let nPairs: i32 = 0;

export function modelOrder(): i32 {
	return order;
}

export function fieldCount(): i32 {
	return nField;
}

export function pairCount(): i32 {
	return nPairs;
}

// @ts-ignore: decorator
@inline function coefAt(axis: i32, t: i32): usize {
	return coef + (<usize>(axis * MAX_TERMS + t) << 3);
}

/** Starts the model from hypothesis t (a..f: detected pixels to the nominal grid about the candidate centre). */
export function startFrom(t: usize): void {
	memory.copy(frame, candidate, FRAME_BYTES);
	memory.fill(coef, 0, COEF_BYTES);
	const cx = (width - 1.0) * 0.5;
	const cy = (height - 1.0) * 0.5;
	for (let axis = 0; axis < 2; axis++) {
		const a = load<f64>(t + (<usize>(axis * 3) << 3));
		const b = load<f64>(t + (<usize>(axis * 3 + 1) << 3));
		const c = load<f64>(t + (<usize>(axis * 3 + 2) << 3));
		store<f64>(coefAt(axis, 0), scale * (a * cx + b * cy + c));
		store<f64>(coefAt(axis, 1), scale * a * NORM);
		store<f64>(coefAt(axis, 2), scale * b * NORM);
	}
	order = 1;
}

/** Moves the tangent point to the sky position of the image centre (the model's constant terms). */
function recentreFrame(): void {
	recentre(frame, load<f64>(coefAt(0, 0)) / ARCSEC, load<f64>(coefAt(1, 0)) / ARCSEC);
	store<f64>(coefAt(0, 0), 0.0);
	store<f64>(coefAt(1, 0), 0.0);
}

/** The catalogue stars the model puts on the image, brightest first, with their predicted pixels:
 * the linear part inverted, then (with SIP) two Newton steps on the full model. */
function projectField(): void {
	const cx = (width - 1.0) * 0.5;
	const cy = (height - 1.0) * 0.5;
	const c0 = load<f64>(coefAt(0, 0)), c1 = load<f64>(coefAt(0, 1)), c2 = load<f64>(coefAt(0, 2));
	const d0 = load<f64>(coefAt(1, 0)), d1 = load<f64>(coefAt(1, 1)), d2 = load<f64>(coefAt(1, 2));
	const det = c1 * d2 - c2 * d1;
	// a circle a little larger than the image's half-diagonal at the model's scale
	const radius = 0.55 * Math.sqrt(width * width + height * height) * (Math.sqrt(Math.abs(det)) / NORM) / ARCSEC;
	const cosR = Math.cos(radius);
	nField = 0;
	for (let k = 0; k < nCat; k++) {
		const s = catXyz + <usize>k * 24;
		if (cosToCentre(frame, s) < cosR || !project(frame, s, tmp)) continue;
		const xi = load<f64>(tmp) * ARCSEC;
		const eta = load<f64>(tmp, 8) * ARCSEC;
		let u = ((xi - c0) * d2 - c2 * (eta - d0)) / det;
		let v = (c1 * (eta - d0) - d1 * (xi - c0)) / det;
		for (let it = 0; order > 1 && it < 2; it++) {
			const ex = evaluate(coef, order, 0, u, v, mono) - xi;
			const ey = evaluate(coef, order, 1, u, v, mono) - eta;
			u -= (ex * d2 - c2 * ey) / det;
			v -= (c1 * ey - d1 * ex) / det;
		}
		const x = cx + u * NORM;
		const y = cy + v * NORM;
		if (!(x >= -0.5 && y >= -0.5 && x <= width - 0.5 && y <= height - 0.5)) continue;
		const e = field + <usize>nField * FIELD_BYTES;
		store<f64>(e, xi);
		store<f64>(e, eta, 8);
		store<f64>(e, x, 16);
		store<f64>(e, y, 24);
		store<i32>(e, k, 32);
		nField++;
	}
}

/** Each field star's nearest detected star within tol px; a detected star claimed twice goes to
 * the closer (the brighter on a tie). Pairs in detected order. Returns their count. */
function matchField(tol: f64): i32 {
	for (let i = 0; i < nDet; i++) {
		store<i32>(claims + (<usize>i << 4), -1);
		store<f64>(claims + (<usize>i << 4), Infinity, 8);
	}
	for (let k = 0; k < nField; k++) {
		const e = field + <usize>k * FIELD_BYTES;
		const near = nearest(detSorted, nDet, load<f64>(e, 16), load<f64>(e, 24), tol);
		store<i32>(e, near, 36);
		if (near < 0) continue;
		const d2 = nearestDist2();
		const c = claims + (<usize>near << 4);
		if (d2 < load<f64>(c, 8)) {
			store<i32>(c, k);
			store<f64>(c, d2, 8);
		}
	}
	const cx = (width - 1.0) * 0.5;
	const cy = (height - 1.0) * 0.5;
	nPairs = 0;
	for (let i = 0; i < nDet; i++) {
		const k = load<i32>(claims + (<usize>i << 4));
		if (k < 0) continue;
		const f = field + <usize>k * FIELD_BYTES;
		const d = pointAt(detList, i);
		const p = pairs + <usize>nPairs * PAIR_BYTES;
		store<i32>(p, i);
		store<i32>(p, load<i32>(f, 32), 4);
		store<f64>(p, (load<f64>(d) - cx) / NORM, 8);
		store<f64>(p, (load<f64>(d, 8) - cy) / NORM, 16);
		store<f64>(p, load<f64>(f), 24);
		store<f64>(p, load<f64>(f, 8), 32);
		nPairs++;
	}
	return nPairs;
}


function bic(rss: f64, pairsN: i32, terms: i32): f64 {
	const n = <f64>(2 * pairsN);
	return n * Math.log(rss / n) + <f64>(2 * terms) * Math.log(n);
}

/** Fits `o` into the model; false when the normal equations are singular. */
function fitModel(o: i32): bool {
	if (fitPolynomial(pairs, nPairs, o, lsq, trial) < 0) return false;
	memory.copy(coef, trial, COEF_BYTES);
	order = o;
	return true;
}

/** One round: re-centre, re-project, re-match within tol, re-fit at order o (order 1 when too few pairs for o). */
function round(o: i32, tol: f64): bool {
	recentreFrame();
	projectField();
	if (matchField(tol) < 3) return false;
	return fitModel(nPairs >= PAIRS_PER_TERM * termCount(o) ? o : 1);
}

/** The SIP order (1: none) of least BIC on the current pairs, left fitted in the model. */
function chooseOrder(): void {
	const rss1 = fitPolynomial(pairs, nPairs, 1, lsq, trial);
	if (rss1 < 0) return;
	memory.copy(coef, trial, COEF_BYTES);
	order = 1;
	let best = bic(rss1, nPairs, termCount(1));
	for (let o = 2; o <= MAX_ORDER; o++) {
		if (nPairs < PAIRS_PER_TERM * termCount(o)) break;
		const rss = fitPolynomial(pairs, nPairs, o, lsq, trial);
		if (rss < 0) break;
		const b = bic(rss, nPairs, termCount(o));
		if (b < best) {
			best = b;
			memory.copy(coef, trial, COEF_BYTES);
			order = o;
		}
	}
}

/** Each match's residual (arcsec) under the model, on the pair. */
function measureResiduals(): void {
	for (let k = 0; k < nPairs; k++) {
		const p = pairs + <usize>k * PAIR_BYTES;
		store<f64>(p, Math.sqrt(pairResidual2(coef, order, p, mono)), 40);
	}
}

/** The match distance (px) the residuals support: CLIP_SIGMAS σ, σ = median / sqrt(2 ln 2) (the
 * median of a 2-D Gaussian's radii), within [CLIP_FLOOR, MATCH_TOL]. */
function clipTolerance(arcsecPerPx: f64): f64 {
	measureResiduals();
	for (let k = 0; k < nPairs; k++) {
		const r = load<f64>(pairs + <usize>k * PAIR_BYTES, 40);
		let j = k - 1;
		while (j >= 0 && load<f64>(residuals + (<usize>j << 3)) > r) {
			store<f64>(residuals + (<usize>(j + 1) << 3), load<f64>(residuals + (<usize>j << 3)));
			j--;
		}
		store<f64>(residuals + (<usize>(j + 1) << 3), r);
	}
	const h = nPairs >> 1;
	const median = nPairs % 2 ? load<f64>(residuals + (<usize>h << 3)) : 0.5 * (load<f64>(residuals + (<usize>(h - 1) << 3)) + load<f64>(residuals + (<usize>h << 3)));
	const tol = (CLIP_SIGMAS * median) / Math.sqrt(2.0 * Math.log(2.0)) / arcsecPerPx;
	return Math.min(MATCH_TOL, Math.max(CLIP_FLOOR, tol));
}

/** Refines the model started by startFrom; leaves the final field, matches (with residuals in
 * arcsec) and model, CRVAL at the image centre. False when the matches ran out. */
export function refine(): bool {
	for (let r = 0; r < FIT_ROUNDS; r++) if (!round(1, MATCH_TOL)) return false;
	chooseOrder();
	const chosen = order;
	for (let r = 0; chosen > 1 && r < SIP_ROUNDS; r++) if (!round(chosen, MATCH_TOL)) return false;
	const tol = clipTolerance(modelScale());
	for (let r = 0; r < CLIP_ROUNDS; r++) if (!round(chosen, tol)) return false;
	recentreFrame();
	projectField();
	matchField(tol);
	measureResiduals();
	return true;
}

/** Arcseconds per pixel of the model's linear part: sqrt |det CD|. */
export function modelScale(): f64 {
	const det = load<f64>(coefAt(0, 1)) * load<f64>(coefAt(1, 2)) - load<f64>(coefAt(0, 2)) * load<f64>(coefAt(1, 1));
	return Math.sqrt(Math.abs(det)) / NORM;
}

/** RMS of the matches' residuals, arcsec. */
export function residualRms(): f64 {
	let sum = 0.0;
	for (let k = 0; k < nPairs; k++) {
		const r = load<f64>(pairs + <usize>k * PAIR_BYTES, 40);
		sum += r * r;
	}
	return nPairs > 0 ? Math.sqrt(sum / <f64>nPairs) : 0.0;
}
