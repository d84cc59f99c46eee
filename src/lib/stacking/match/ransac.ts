import type { Pair } from './fit';
import { applyAffine } from './affine';
import { matchUnderTransform } from './match-stars';
import type { TransformModel } from './models';
import type { PointGrid } from './point-grid';
import type { Affine, Point } from './types';

export interface RansacProblem {
	src: readonly Point[];
	dst: readonly Point[];
	dstGrid: PointGrid;
	/** How many samples there are to try. */
	samples: number;
	/** Sample h, to fit a hypothesis from, in the order to try them (here: matched triangles' vertices);
	 * made when tried: RANSAC usually stops long before the last. */
	sample(h: number): readonly Pair[];
	/** Inlier distance, dst pixels. */
	tol: number;
	/** Stop at the first hypothesis with this many inliers. */
	goodEnough: number;
	maxHypotheses: number;
	/** Re-fits of a hypothesis on its own inliers while they grow. */
	localRefits: number;
}

export interface Consensus {
	transform: Affine;
	pairs: Pair[];
}

function sampleFits(problem: RansacProblem, t: Affine, sample: readonly Pair[]): boolean {
	const tol2 = problem.tol * problem.tol;
	return sample.every(([i, j]) => {
		const [x, y] = applyAffine(t, problem.src[i].x, problem.src[i].y);
		const dx = x - problem.dst[j].x;
		const dy = y - problem.dst[j].y;
		return dx * dx + dy * dy <= tol2;
	});
}

/** Fit on the inliers, re-match, repeat while the inliers grow: reaches stars far from the sample. */
function localOptimise(problem: RansacProblem, model: TransformModel, start: Consensus): Consensus {
	let best = start;
	for (let r = 0; r < problem.localRefits && best.pairs.length > model.minPoints; r++) {
		const t = model.fit(problem.src, problem.dst, best.pairs);
		if (!t) break;
		const pairs = matchUnderTransform(problem.src, problem.dstGrid, t, problem.tol);
		if (pairs.length <= best.pairs.length) break;
		best = { transform: t, pairs };
	}
	return best;
}

/**
 * RANSAC over the given samples (tried in order, so deterministic without a random generator):
 * fit the model to a sample, drop it unless the sample itself fits within `tol`, count the src
 * stars that land within `tol` of a dst star, keep the hypothesis with the most. Generic over the
 * model. Returns null when no sample gave a hypothesis.
 */
export function ransac(problem: RansacProblem, model: TransformModel): Consensus | null {
	let best: Consensus | null = null;
	const tries = Math.min(problem.samples, problem.maxHypotheses);
	for (let h = 0; h < tries; h++) {
		const sample = problem.sample(h);
		const t = model.fit(problem.src, problem.dst, sample);
		if (!t || !sampleFits(problem, t, sample)) continue;
		const pairs = matchUnderTransform(problem.src, problem.dstGrid, t, problem.tol);
		// Only a hypothesis supported beyond its own sample is worth re-fitting.
		const found = pairs.length > sample.length ? localOptimise(problem, model, { transform: t, pairs }) : { transform: t, pairs };
		if (!best || found.pairs.length > best.pairs.length) best = found;
		if (best.pairs.length >= problem.goodEnough) break;
	}
	return best;
}
