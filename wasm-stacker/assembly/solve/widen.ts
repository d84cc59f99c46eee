// Stage 5 and the solver's entry: candidate centres from the hint outwards, square rings of a
// gnomonic grid about the hint out to a bounded radius (a 40′ pointing error is found, a 5′ one at
// once, a 5° one never), each matched, fitted and verified until one is accepted.

import { CAT_CONTROL, DET_CONTROL, LOG_ODDS_ACCEPT, MAX_CENTRES, MIN_HYPOTHESIS, MIN_MATCHES, SCALE_TOL } from './constants';
import { ARCSEC, modelScale, pairCount, refine, startFrom } from './fit';
import { bestHypothesis } from './match';
import { POINT_BYTES, setPoint, sortByX } from './points';
import { projectControl } from './project';
import {
	candidate, catList, catSorted, catTri, catXyz, binOrder, binStart, detList, detSorted, detTri, hint, hypothesis, layout, tmp, triScratch
} from './regions';
import {
	finish, O_BEST_INLIERS, O_CENTRES, O_LOG_ODDS, O_VERIFIED, put, putAttempt, putSolution, SOLVE_OUT_FIELDS, STATUS_NO_MATCH, STATUS_REJECTED,
	STATUS_SOLVED, STATUS_TOO_FEW_CATALOGUE, STATUS_TOO_FEW_STARS
} from './result';
import { FRAME_BYTES, RAD, recentre, tangentFrame, unitVector } from './sphere';
import { binTriangles, buildTriangles } from './triangles';
import { logOdds } from './verify';

/** The catalogue stars needed in a candidate's circle to try it. */
const MIN_CONTROL = 5;

/** f64 parameters: width, height, nominal ″/px, hint RA, hint Dec, field radius (deg; the catalogue
 * circle of a candidate), spacing of the candidate centres (deg), widening radius (deg). */
export const SOLVE_PARAMS: i32 = 8;

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
				const odds = logOdds(sc);
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
