import {
	GOOD_ENOUGH_FRACTION,
	INVARIANT_TOL,
	LOCAL_REFITS,
	MAX_CONTROL_POINTS,
	MAX_HYPOTHESES,
	MAX_RMS,
	MAX_SCALE,
	MIN_STARS,
	MIN_TRIANGLE_SIDE,
	NUM_NEAREST_NEIGHBORS,
	PIXEL_TOL
} from './constants';
import { AlignError } from './errors';
import type { Pair } from './fit';
import { buildTriangles, matchTriangles, sortTriangles, type Triangle } from './invariants';
import { pairRms } from './match-stars';
import { MODELS, similarityModel } from './models';
import { PointGrid } from './point-grid';
import { ransac, type Consensus } from './ransac';
import { refine } from './refine';
import { minInliers } from './significance';
import type { Affine, MatchResult, ModelName, Point } from './types';

/** Indices of the points with finite coordinates. */
function usable(points: readonly Point[]): number[] {
	const out: number[] = [];
	points.forEach((p, i) => {
		if (Number.isFinite(p.x) && Number.isFinite(p.y)) out.push(i);
	});
	return out;
}

/** Indices of the brightest `max` points (the first `max` when not every point has a flux). */
function controlPoints(points: readonly Point[], max: number): number[] {
	const idx = points.map((_, i) => i);
	if (points.every((p) => Number.isFinite(p.flux))) idx.sort((a, b) => (points[b].flux as number) - (points[a].flux as number) || a - b);
	return idx.slice(0, max);
}

function checkInput(points: unknown, name: string): void {
	if (!Array.isArray(points)) throw new TypeError(`findTransform: ${name} must be an array of {x, y} points`);
}

/** A final check of the fit's linear part: finite, not collapsing or exploding the field. */
function plausible(t: Affine): boolean {
	const det = t[0] * t[4] - t[1] * t[3];
	const lim = MAX_SCALE * MAX_SCALE;
	return t.every(Number.isFinite) && Math.abs(det) <= lim && Math.abs(det) >= 1 / lim;
}

/**
 * A star list prepared for matching: its usable stars, the brightest of them as control points and
 * their triangles sorted by invariant. A stack aligns every frame onto one reference: its pattern is
 * built once, not once per frame.
 */
export interface StarPattern {
	/** Indices of the usable (finite) stars in the list given. */
	idx: number[];
	pts: Point[];
	/** Control points: indices into pts of the brightest stars. */
	ctl: number[];
	ctlPts: Point[];
	/** The control points' triangles, sorted by sortTriangles. */
	triangles: Triangle[];
}

/** The pattern of `points`; `name` says which list in errors. */
export function starPattern(points: Point[], name = 'dst'): StarPattern {
	checkInput(points, name);
	const idx = usable(points);
	const pts = idx.map((i) => points[i]);
	const ctl = controlPoints(pts, MAX_CONTROL_POINTS);
	const ctlPts = ctl.map((k) => pts[k]);
	return { idx, pts, ctl, ctlPts, triangles: sortTriangles(buildTriangles(ctlPts, NUM_NEAREST_NEIGHBORS, MIN_TRIANGLE_SIDE)) };
}

/**
 * The transform mapping src pixels to dst pixels, found by matching triangles of stars (astroalign's
 * method): triangle invariants among each bright star's neighbours, candidate triangle pairs,
 * RANSAC over them with similarity hypotheses (the invariants only speak for a similarity), then a
 * least-squares re-fit of the requested model on all matched stars. Mirror images are never matched.
 * `dst` may be given as its starPattern, built once for many src lists.
 *
 * Throws AlignError: `TooFewStars` (fewer than MIN_STARS usable stars in a list), `NoTransform` (no
 * hypothesis matched enough stars), `PoorFit` (matched, but the fit is implausible or its residual
 * exceeds MAX_RMS).
 */
export function findTransform(src: Point[], dst: Point[] | StarPattern, opts: { model?: ModelName } = {}): MatchResult {
	const modelName = opts.model ?? 'similarity';
	const model = MODELS[modelName];
	if (!model) throw new TypeError(`findTransform: model '${String(modelName)}' is not supported; use 'similarity' or 'affine'`);

	const s = starPattern(src, 'src');
	const d = Array.isArray(dst) ? starPattern(dst, 'dst') : dst;
	const { idx: srcIdx, pts: srcPts, ctl: srcCtl, ctlPts: srcCtlPts } = s;
	const { idx: dstIdx, pts: dstPts, ctl: dstCtl, ctlPts: dstCtlPts } = d;
	if (srcIdx.length < MIN_STARS || dstIdx.length < MIN_STARS) {
		throw new AlignError(
			'TooFewStars',
			`need at least ${MIN_STARS} stars on each side, got ${srcIdx.length} (src) and ${dstIdx.length} (dst)`
		);
	}

	const { pairs: candidates, agreed } = matchTriangles(s.triangles, d.triangles, INVARIANT_TOL, MAX_HYPOTHESES);
	const smaller = Math.min(srcCtl.length, dstCtl.length);
	const needed = minInliers(srcCtlPts, dstCtlPts, PIXEL_TOL, candidates.length);
	const found = ransac(
		{
			src: srcCtlPts,
			dst: dstCtlPts,
			dstGrid: new PointGrid(dstCtlPts, PIXEL_TOL),
			samples: candidates.length,
			sample: (h) => candidates[h].src.v.map((v, k): Pair => [v, candidates[h].dst.v[k]]),
			tol: PIXEL_TOL,
			goodEnough: Math.max(needed, Math.ceil(GOOD_ENOUGH_FRACTION * smaller)),
			maxHypotheses: MAX_HYPOTHESES,
			localRefits: LOCAL_REFITS
		},
		similarityModel
	);
	const matched = found ? found.pairs.length : 0;
	if (!found || matched < needed) {
		throw new AlignError(
			'NoTransform',
			`no star pattern in common: the best of ${agreed} triangle matches paired ${matched} of ${smaller} bright stars, ${needed} needed`
		);
	}

	const start: Consensus = {
		transform: found.transform,
		pairs: found.pairs.map(([i, j]): Pair => [srcCtl[i], dstCtl[j]])
	};
	const fit = refine(srcPts, dstPts, start, model);
	const rms = pairRms(srcPts, dstPts, fit.pairs, fit.transform);
	if (fit.pairs.length < needed) {
		throw new AlignError('PoorFit', `only ${fit.pairs.length} stars stayed matched after the least-squares re-fit, ${needed} needed`);
	}
	if (!plausible(fit.transform)) {
		throw new AlignError('PoorFit', `the ${model.name} fit is implausible (scale beyond ${MAX_SCALE}x): [${fit.transform.join(', ')}]`);
	}
	if (!(rms <= MAX_RMS)) {
		throw new AlignError('PoorFit', `residual RMS ${rms.toFixed(3)} px over ${fit.pairs.length} stars exceeds ${MAX_RMS} px`);
	}
	return {
		transform: fit.transform,
		pairs: fit.pairs.map(([i, j]): Pair => [srcIdx[i], dstIdx[j]]),
		rms,
		model: model.name
	};
}
