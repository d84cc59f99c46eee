// The solver's result block: status and figures (SOLVE_OUT_FIELDS f64), the WCS of an accepted
// solution in FITS terms, then its matches (described in wasm-stacker/README.md).

import { NORM } from './constants';
import { fieldCount, modelOrder, pairCount, residualRms } from './fit';
import { MAX_TERMS, PAIR_BYTES, termCount, termP, termQ } from './lsq';
import { coef, frame, pairs } from './regions';
import { centreDec, centreRa } from './sphere';

/** f64 fields of the result before the matches (the O_* below). */
export const SOLVE_OUT_FIELDS: i32 = 53;
/** f64 per match after the fields: detected rank, catalogue index, residual (arcsec). */
export const SOLVE_PAIR_FIELDS: i32 = 3;

export const STATUS_SOLVED: i32 = 0;
export const STATUS_TOO_FEW_STARS: i32 = 1;
export const STATUS_TOO_FEW_CATALOGUE: i32 = 2;
export const STATUS_NO_MATCH: i32 = 3;
export const STATUS_REJECTED: i32 = 4;

// out fields
const O_STATUS = 0;
export const O_CENTRES = 1;
const O_CRVAL = 2;
const O_CRPIX = 4;
const O_CD = 6;
const O_ORDER = 10;
export const O_LOG_ODDS = 11;
const O_MATCHES = 12;
const O_RMS = 13;
const O_SCALE = 14;
export const O_BEST_INLIERS = 15;
export const O_VERIFIED = 16;
const O_FIELD = 17;
const O_SIP_A = 21;
const O_SIP_B = 37;

// @ts-ignore: decorator
@inline export function put(out: usize, field: i32, value: f64): void {
	store<f64>(out + (<usize>field << 3), value);
}

/** Writes the attempt's figures (the solution's, or the best rejected one's). */
export function putAttempt(out: usize, logOdds: f64, sc: f64): void {
	put(out, O_LOG_ODDS, logOdds);
	put(out, O_MATCHES, <f64>pairCount());
	put(out, O_RMS, residualRms());
	put(out, O_SCALE, sc);
	put(out, O_FIELD, <f64>fieldCount());
	put(out, O_ORDER, <f64>modelOrder());
}

/** The accepted model as FITS WCS: CRVAL, CRPIX (1-based), CD (deg/px), SIP A/B, and the matches. */
export function putSolution(out: usize, width: f64, height: f64): void {
	put(out, O_CRVAL, centreRa(frame));
	put(out, O_CRVAL + 1, centreDec(frame));
	put(out, O_CRPIX, (width + 1.0) * 0.5);
	put(out, O_CRPIX + 1, (height + 1.0) * 0.5);
	// arcsec per pixel of the linear part
	const a = load<f64>(coef + 8) / NORM;
	const b = load<f64>(coef + 16) / NORM;
	const c = load<f64>(coef + (<usize>(MAX_TERMS + 1) << 3)) / NORM;
	const d = load<f64>(coef + (<usize>(MAX_TERMS + 2) << 3)) / NORM;
	put(out, O_CD, a / 3600.0);
	put(out, O_CD + 1, b / 3600.0);
	put(out, O_CD + 2, c / 3600.0);
	put(out, O_CD + 3, d / 3600.0);
	// ξ_higher = CD·A(u, v): A and B are CD⁻¹ times the higher terms, per pixel power
	const det = a * d - b * c;
	for (let t = 3; t < termCount(modelOrder()); t++) {
		const p = termP(t);
		const q = termQ(t);
		let per = 1.0;
		for (let k = 0; k < p + q; k++) per *= NORM;
		const alpha = load<f64>(coef + (<usize>t << 3)) / per;
		const beta = load<f64>(coef + (<usize>(MAX_TERMS + t) << 3)) / per;
		put(out, O_SIP_A + p * 4 + q, (d * alpha - b * beta) / det);
		put(out, O_SIP_B + p * 4 + q, (a * beta - c * alpha) / det);
	}
	const m = out + (<usize>SOLVE_OUT_FIELDS << 3);
	for (let k = 0; k < pairCount(); k++) {
		const p = pairs + <usize>k * PAIR_BYTES;
		const o = m + <usize>(k * SOLVE_PAIR_FIELDS) * 8;
		store<f64>(o, <f64>load<i32>(p));
		store<f64>(o, <f64>load<i32>(p, 4), 8);
		store<f64>(o, load<f64>(p, 40), 16);
	}
}

export function finish(out: usize, status: i32): i32 {
	put(out, O_STATUS, <f64>status);
	return status;
}
