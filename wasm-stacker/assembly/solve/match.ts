// Stage 2: triangle matching. A detected triangle and a catalogue triangle correspond when their
// side ratios agree within INV_TOL and the catalogue one's longest side is the detected one's at
// the nominal scale ±(SCALE_TOL + SCALE_SLACK); their orientations tell the parity. Each such pair
// gives a similarity (mirrored when the orientations differ) from detected pixels to the nominal
// grid, scored by the detected control stars it puts within MATCH_TOL of a catalogue control star.

import { GOOD_ENOUGH, INV_TOL, MATCH_TOL, SCALE_SLACK, SCALE_TOL } from './constants';
import { nearest, pointAt } from './points';
import { BINS, binAxis, TRI_BYTES } from './triangles';

/** The similarity of vertex pairs (det triangle dt, cat triangle ct), mirrored or not, at out
 * (a, b, c, d, e, f: X = a·x + b·y + c, Y = d·x + e·y + f); false when degenerate. */
function similarity(det: usize, cat: usize, dt: usize, ct: usize, mirror: bool, out: usize): bool {
	const m: f64 = mirror ? -1.0 : 1.0;
	let mx = 0.0, my = 0.0, mu = 0.0, mv = 0.0;
	for (let k = 0; k < 3; k++) {
		const s = pointAt(det, load<i32>(dt + (<usize>k << 2)));
		const d = pointAt(cat, load<i32>(ct + (<usize>k << 2)));
		mx += load<f64>(s);
		my += m * load<f64>(s, 8);
		mu += load<f64>(d);
		mv += load<f64>(d, 8);
	}
	mx /= 3.0;
	my /= 3.0;
	mu /= 3.0;
	mv /= 3.0;
	let xx = 0.0, xu = 0.0, xv = 0.0, yu = 0.0, yv = 0.0;
	for (let k = 0; k < 3; k++) {
		const s = pointAt(det, load<i32>(dt + (<usize>k << 2)));
		const d = pointAt(cat, load<i32>(ct + (<usize>k << 2)));
		const x = load<f64>(s) - mx;
		const y = m * load<f64>(s, 8) - my;
		const u = load<f64>(d) - mu;
		const v = load<f64>(d, 8) - mv;
		xx += x * x + y * y;
		xu += x * u;
		xv += x * v;
		yu += y * u;
		yv += y * v;
	}
	if (!(xx > 0)) return false;
	const p = (xu + yv) / xx;
	const q = (xv - yu) / xx;
	store<f64>(out, p);
	store<f64>(out, -m * q, 8);
	store<f64>(out, mu - p * mx + q * my, 16);
	store<f64>(out, q, 24);
	store<f64>(out, m * p, 32);
	store<f64>(out, mv - q * mx - p * my, 40);
	return true;
}

/** Detected stars det[0..n) put within MATCH_TOL of a catalogue star (sorted list) by transform t. */
function inliers(det: usize, n: i32, catSorted: usize, nCat: i32, t: usize): i32 {
	const a = load<f64>(t), b = load<f64>(t, 8), c = load<f64>(t, 16);
	const d = load<f64>(t, 24), e = load<f64>(t, 32), f = load<f64>(t, 40);
	let count = 0;
	for (let i = 0; i < n; i++) {
		const s = pointAt(det, i);
		const x = load<f64>(s);
		const y = load<f64>(s, 8);
		if (nearest(catSorted, nCat, a * x + b * y + c, d * x + e * y + f, MATCH_TOL) >= 0) count++;
	}
	return count;
}

/** True when each vertex of det triangle dt lands within MATCH_TOL of its catalogue vertex under t. */
function sampleFits(det: usize, cat: usize, dt: usize, ct: usize, t: usize): bool {
	for (let k = 0; k < 3; k++) {
		const s = pointAt(det, load<i32>(dt + (<usize>k << 2)));
		const g = pointAt(cat, load<i32>(ct + (<usize>k << 2)));
		const x = load<f64>(s);
		const y = load<f64>(s, 8);
		const dx = load<f64>(t) * x + load<f64>(t, 8) * y + load<f64>(t, 16) - load<f64>(g);
		const dy = load<f64>(t, 24) * x + load<f64>(t, 32) * y + load<f64>(t, 40) - load<f64>(g, 8);
		if (dx * dx + dy * dy > MATCH_TOL * MATCH_TOL) return false;
	}
	return true;
}

/**
 * The best hypothesis between the detected control stars (det, nDet; triangles detTri, nDetTri)
 * and the catalogue control stars (cat in the order its triangles index, catSorted by x; triangles
 * catTri binned by start/order). Writes its transform at best (6 f64; work: 6 f64 more) and
 * returns its inliers (0 when no pair of triangles gave a hypothesis). Stops at GOOD_ENOUGH.
 */
export function bestHypothesis(
	det: usize, nDet: i32, detTri: usize, nDetTri: i32,
	cat: usize, catSorted: usize, nCat: i32, catTri: usize, start: usize, order: usize,
	best: usize, work: usize
): i32 {
	const lo = 1.0 - SCALE_TOL - SCALE_SLACK;
	const hi = 1.0 + SCALE_TOL + SCALE_SLACK;
	let bestCount = 0;
	for (let i = 0; i < nDetTri; i++) {
		const dt = detTri + <usize>i * TRI_BYTES;
		const i0 = load<f64>(dt, 16);
		const i1 = load<f64>(dt, 24);
		const len = load<f64>(dt, 32);
		const b0 = binAxis(i0);
		const b1 = binAxis(i1);
		for (let r = max(b0 - 1, 0); r <= min(b0 + 1, BINS - 1); r++) {
			for (let c = max(b1 - 1, 0); c <= min(b1 + 1, BINS - 1); c++) {
				const bin = r * BINS + c;
				const end = load<i32>(start + (<usize>(bin + 1) << 2));
				for (let k = load<i32>(start + (<usize>bin << 2)); k < end; k++) {
					const ct = catTri + <usize>load<i32>(order + (<usize>k << 2)) * TRI_BYTES;
					if (Math.abs(load<f64>(ct, 16) - i0) > INV_TOL || Math.abs(load<f64>(ct, 24) - i1) > INV_TOL) continue;
					const ratio = load<f64>(ct, 32) / len;
					if (ratio < lo || ratio > hi) continue;
					const mirror = load<i32>(dt, 12) != load<i32>(ct, 12);
					if (!similarity(det, cat, dt, ct, mirror, work) || !sampleFits(det, cat, dt, ct, work)) continue;
					const n = inliers(det, nDet, catSorted, nCat, work);
					if (n > bestCount) {
						bestCount = n;
						memory.copy(best, work, 48);
						if (bestCount >= GOOD_ENOUGH) return bestCount;
					}
				}
			}
		}
	}
	return bestCount;
}
