// Stage 5 and the solver's entry: candidate centres from the hint outwards, square rings of a
// gnomonic grid about the hint out to a bounded radius (a 40′ pointing error is found, a 5′ one at
// once, a 5° one never), each matched, fitted and verified until one is accepted.

import {
	CAT_CONTROL, DET_CONTROL, LOG_ODDS_ACCEPT, MAX_CENTRES, MIN_HYPOTHESIS, MIN_MATCHES, NORM, SCALE_TOL
} from './constants';
import { logOdds as logOddsOf } from './verify';
import { ARCSEC, modelOrder, modelScale, pairCount, refine, residualRms, startFrom, fieldCount } from './fit';
import { MAX_TERMS, PAIR_BYTES, termCount, termP, termQ } from './lsq';
import { bestHypothesis } from './match';
import { POINT_BYTES, setPoint, sortByX } from './points';
import { projectControl } from './project';
import {
	candidate, catList, catSorted, catTri, catXyz, binOrder, binStart, coef, detList, detSorted, detTri, frame, hint, hypothesis,
	layout, pairs, tmp, triScratch
} from './regions';
import { centreDec, centreRa, FRAME_BYTES, RAD, recentre, tangentFrame, unitVector } from './sphere';
import { binTriangles, buildTriangles } from './triangles';

/** f64 parameters: width, height, nominal ″/px, hint RA, hint Dec, field radius (deg; the catalogue
 * circle of a candidate), spacing of the candidate centres (deg), widening radius (deg). */
export const SOLVE_PARAMS: i32 = 8;
/** f64 fields of the result before the matches (see OUT_* and wasm-stacker/README.md). */
export const SOLVE_OUT_FIELDS: i32 = 53;
/** f64 per match after the fields: detected rank, catalogue index, residual (arcsec). */
export const SOLVE_PAIR_FIELDS: i32 = 3;

const STATUS_SOLVED: i32 = 0;
const STATUS_TOO_FEW_STARS: i32 = 1;
const STATUS_TOO_FEW_CATALOGUE: i32 = 2;
const STATUS_NO_MATCH: i32 = 3;
const STATUS_REJECTED: i32 = 4;

// out fields
const O_STATUS = 0;
const O_CENTRES = 1;
const O_CRVAL = 2;
const O_CRPIX = 4;
const O_CD = 6;
const O_ORDER = 10;
const O_LOG_ODDS = 11;
const O_MATCHES = 12;
const O_RMS = 13;
const O_SCALE = 14;
const O_BEST_INLIERS = 15;
const O_VERIFIED = 16;
const O_FIELD = 17;
const O_SIP_A = 21;
const O_SIP_B = 37;
/** The catalogue stars needed in a candidate's circle to try it. */
const MIN_CONTROL = 5;

// @ts-ignore: decorator
@inline function put(out: usize, field: i32, value: f64): void {
	store<f64>(out + (<usize>field << 3), value);
}

/** Writes the attempt's figures (the solution's, or the best rejected one's). */
function putAttempt(out: usize, logOdds: f64, sc: f64): void {
	put(out, O_LOG_ODDS, logOdds);
	put(out, O_MATCHES, <f64>pairCount());
	put(out, O_RMS, residualRms());
	put(out, O_SCALE, sc);
	put(out, O_FIELD, <f64>fieldCount());
	put(out, O_ORDER, <f64>modelOrder());
}

/** The accepted model as FITS WCS: CRVAL, CRPIX (1-based), CD (deg/px), SIP A/B, and the matches. */
function putSolution(out: usize, width: f64, height: f64): void {
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

/**
 * Plate-solves nd detected stars (det: x, y f64 pairs, 0-based pixels, brightest first) against nc
 * catalogue stars (cat: ra, dec f64 pairs in degrees, brightest first) with the SOLVE_PARAMS at
 * params. scratch: solveScratchBytes(nd, nc). out: SOLVE_OUT_FIELDS f64, then up to min(nd, nc)
 * matches. Returns the status (also out[0]).
 */
export function solve(det: usize, nd: i32, cat: usize, nc: i32, params: usize, scratch: usize, out: usize): i32 {
	const width = load<f64>(params);
	const height = load<f64>(params, 8);
	const scale = load<f64>(params, 16);
	const fieldRadius = load<f64>(params, 40);
	const spacing = load<f64>(params, 48);
	const widen = load<f64>(params, 56);
	layout(scratch, nd, nc, width, height, scale);
	memory.fill(out, 0, <usize>SOLVE_OUT_FIELDS << 3);
	put(out, O_LOG_ODDS, -Infinity);
	if (nd < MIN_MATCHES) return finish(out, STATUS_TOO_FEW_STARS);
	if (nc < MIN_MATCHES) return finish(out, STATUS_TOO_FEW_CATALOGUE);

	for (let k = 0; k < nc; k++) unitVector(load<f64>(cat + (<usize>k << 4)), load<f64>(cat + (<usize>k << 4), 8), catXyz + <usize>k * 24);
	for (let i = 0; i < nd; i++) setPoint(detList, i, load<f64>(det + (<usize>i << 4)), load<f64>(det + (<usize>i << 4), 8), i);
	memory.copy(detSorted, detList, <usize>nd * POINT_BYTES);
	sortByX(detSorted, nd);
	const dc = min(nd, DET_CONTROL);
	const nDetTri = buildTriangles(detList, dc, triScratch, detTri);

	unitVector(load<f64>(params, 24), load<f64>(params, 32), tmp);
	tangentFrame(load<f64>(tmp), load<f64>(tmp, 8), load<f64>(tmp, 16), hint);
	const cosR = Math.cos(fieldRadius * RAD);
	const pxPerRad = ARCSEC / scale;
	const rings = <i32>Math.floor(widen / spacing + 1e-9);
	let centres = 0;
	let verified = 0;
	let bestInliers = 0;
	let bestRejected = -Infinity;
	for (let ring = 0; ring <= rings && centres < MAX_CENTRES; ring++) {
		for (let j = -ring; j <= ring && centres < MAX_CENTRES; j++) {
			for (let i = -ring; i <= ring && centres < MAX_CENTRES; i++) {
				if (max(abs(i), abs(j)) != ring || Math.sqrt(<f64>(i * i + j * j)) * spacing > widen + 1e-9) continue;
				centres++;
				memory.copy(candidate, hint, FRAME_BYTES);
				recentre(candidate, <f64>i * spacing * RAD, <f64>j * spacing * RAD);
				const n = projectControl(catXyz, nc, candidate, cosR, pxPerRad, CAT_CONTROL, catList, catSorted, tmp);
				if (n < MIN_CONTROL) continue;
				binTriangles(catTri, buildTriangles(catList, n, triScratch, catTri), binStart, binOrder);
				const inliers = bestHypothesis(detList, dc, detTri, nDetTri, catList, catSorted, n, catTri, binStart, binOrder, hypothesis, hypothesis + 48);
				if (inliers > bestInliers) bestInliers = inliers;
				if (inliers < MIN_HYPOTHESIS) continue;
				verified++;
				startFrom(hypothesis);
				if (!refine()) continue;
				const sc = modelScale();
				const odds = logOddsOf(sc);
				const accepted = odds >= LOG_ODDS_ACCEPT && pairCount() >= MIN_MATCHES && Math.abs(sc / scale - 1.0) <= SCALE_TOL;
				if (accepted || odds > bestRejected) {
					bestRejected = odds;
					putAttempt(out, odds, sc);
				}
				if (accepted) {
					putSolution(out, width, height);
					put(out, O_CENTRES, <f64>centres);
					put(out, O_BEST_INLIERS, <f64>bestInliers);
					put(out, O_VERIFIED, <f64>verified);
					return finish(out, STATUS_SOLVED);
				}
			}
		}
	}
	put(out, O_CENTRES, <f64>centres);
	put(out, O_BEST_INLIERS, <f64>bestInliers);
	put(out, O_VERIFIED, <f64>verified);
	return finish(out, verified > 0 ? STATUS_REJECTED : STATUS_NO_MATCH);
}

function finish(out: usize, status: i32): i32 {
	put(out, O_STATUS, <f64>status);
	return status;
}
