import { CLIP_FACTOR, CLIP_FLOOR, CORE_FACTOR, MAX_REFINE_ITERATIONS, PIXEL_TOL } from './constants';
import type { Pair } from './fit';
import { matchUnderTransform, pairResiduals } from './match-stars';
import type { TransformModel } from './models';
import { PointGrid } from './point-grid';
import type { Consensus } from './ransac';
import type { Affine, Point } from './types';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const m = sorted.length >> 1;
	return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/**
 * One round of trimmed least squares: fit the pairs, re-fit on the core (residual ≤ CORE_FACTOR ×
 * median) so chance pairs cannot pull it, and the match distance that follows from the core's
 * residuals.
 */
function trimmedFit(src: readonly Point[], dst: readonly Point[], pairs: Pair[], model: TransformModel): { t: Affine; tol: number } | null {
	const first = model.fit(src, dst, pairs);
	if (!first) return null;
	const res = pairResiduals(src, dst, pairs, first);
	const cut = CORE_FACTOR * median(res);
	const core = pairs.filter((_, k) => res[k] <= cut);
	const t = (core.length > model.minPoints && model.fit(src, dst, core)) || first;
	const tol = Math.min(PIXEL_TOL, Math.max(CLIP_FLOOR, CLIP_FACTOR * median(pairResiduals(src, dst, core, t))));
	return { t, tol };
}

/**
 * Inlier growth: re-fit, re-match every star with a match distance that tracks the residuals,
 * until the matches settle. The result is the least-squares fit of `model` on the final matches.
 */
export function refine(src: readonly Point[], dst: readonly Point[], start: Consensus, model: TransformModel): Consensus {
	const grid = new PointGrid(dst, PIXEL_TOL);
	let pairs = start.pairs;
	for (let it = 0; it < MAX_REFINE_ITERATIONS; it++) {
		const round = trimmedFit(src, dst, pairs, model);
		if (!round) break;
		const next = matchUnderTransform(src, grid, round.t, round.tol);
		const settled = next.length === pairs.length && next.every((p, k) => p[0] === pairs[k][0] && p[1] === pairs[k][1]);
		pairs = next;
		if (settled) break;
	}
	return { transform: model.fit(src, dst, pairs) ?? start.transform, pairs };
}
