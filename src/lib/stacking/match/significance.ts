import { FALSE_MATCH_RISK, MIN_INLIER_FRACTION, MIN_INLIERS } from './constants';
import type { Point } from './types';

/** Area of the points' bounding box, at least 1 px². */
function boundingArea(points: readonly Point[]): number {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const p of points) {
		if (p.x < minX) minX = p.x;
		if (p.x > maxX) maxX = p.x;
		if (p.y < minY) minY = p.y;
		if (p.y > maxY) maxY = p.y;
	}
	return Math.max(1, (maxX - minX) * (maxY - minY));
}

/**
 * Matched control stars a hypothesis needs to be believed. A wrong hypothesis matches its own 3
 * sample stars plus chance coincidences, about Poisson(λ) with λ = nSrc·nDst·π·tol²/area. Over
 * `hypotheses` tries, P(some wrong one gets k extra) ≤ hypotheses·λ^k/k!; k grows until that is
 * below FALSE_MATCH_RISK. Dense or small fields thus need more matches than sparse ones. Never
 * less than MIN_INLIERS or MIN_INLIER_FRACTION of the smaller list.
 */
export function minInliers(src: readonly Point[], dst: readonly Point[], tol: number, hypotheses: number): number {
	const lambda = (src.length * dst.length * Math.PI * tol * tol) / boundingArea(dst);
	let k = 0;
	let bound = Math.max(1, hypotheses); // hypotheses · λ^k / k!
	while (bound > FALSE_MATCH_RISK && k <= src.length) {
		k++;
		bound = (bound * lambda) / k;
	}
	const smaller = Math.min(src.length, dst.length);
	return Math.max(MIN_INLIERS, Math.ceil(MIN_INLIER_FRACTION * smaller), 3 + k);
}
