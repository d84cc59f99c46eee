import { AlignError } from './errors';
import type { Affine, Point } from './types';

/** [index in src, index in dst]. */
export type Pair = [number, number];

/**
 * Relative size of the normal-equation determinant below which the points count as collinear
 * (an affine is then undetermined along the line).
 */
const COLLINEAR_TOL = 1e-10;

/** Centred sums of the pairs; centring keeps the normal equations well conditioned far from the origin. */
interface Moments {
	n: number;
	mx: number;
	my: number;
	mu: number;
	mv: number;
	/** Σ over pairs of products of centred src (x, y) and dst (u, v) coordinates. */
	xx: number;
	xy: number;
	yy: number;
	xu: number;
	xv: number;
	yu: number;
	yv: number;
}

function moments(src: readonly Point[], dst: readonly Point[], pairs: readonly Pair[]): Moments {
	const n = pairs.length;
	let mx = 0;
	let my = 0;
	let mu = 0;
	let mv = 0;
	for (const [i, j] of pairs) {
		mx += src[i].x;
		my += src[i].y;
		mu += dst[j].x;
		mv += dst[j].y;
	}
	mx /= n;
	my /= n;
	mu /= n;
	mv /= n;
	const m: Moments = { n, mx, my, mu, mv, xx: 0, xy: 0, yy: 0, xu: 0, xv: 0, yu: 0, yv: 0 };
	for (const [i, j] of pairs) {
		const x = src[i].x - mx;
		const y = src[i].y - my;
		const u = dst[j].x - mu;
		const v = dst[j].y - mv;
		m.xx += x * x;
		m.xy += x * y;
		m.yy += y * y;
		m.xu += x * u;
		m.xv += x * v;
		m.yu += y * u;
		m.yv += y * v;
	}
	return m;
}

/** Least-squares affine over the pairs; null when fewer than 3 pairs or the src points are collinear. */
export function solveAffine(src: readonly Point[], dst: readonly Point[], pairs: readonly Pair[]): Affine | null {
	if (pairs.length < 3) return null;
	const m = moments(src, dst, pairs);
	const det = m.xx * m.yy - m.xy * m.xy;
	if (!(det > COLLINEAR_TOL * m.xx * m.yy) || !Number.isFinite(det)) return null;
	// Cramer's rule on [xx xy; xy yy]·[a b] = [xu yu] (and likewise for d, e with v).
	const a = (m.xu * m.yy - m.yu * m.xy) / det;
	const b = (m.yu * m.xx - m.xu * m.xy) / det;
	const d = (m.xv * m.yy - m.yv * m.xy) / det;
	const e = (m.yv * m.xx - m.xv * m.xy) / det;
	return [a, b, m.mu - a * m.mx - b * m.my, d, e, m.mv - d * m.mx - e * m.my];
}

/**
 * Least-squares similarity (rotation, uniform scale, shift; never a mirror) over the pairs;
 * null when fewer than 2 pairs or all src points coincide.
 */
export function solveSimilarity(src: readonly Point[], dst: readonly Point[], pairs: readonly Pair[]): Affine | null {
	if (pairs.length < 2) return null;
	const m = moments(src, dst, pairs);
	const den = m.xx + m.yy;
	if (!(den > 0) || !Number.isFinite(den)) return null;
	// x' = p·x − q·y, y' = q·x + p·y in centred coordinates.
	const p = (m.xu + m.yv) / den;
	const q = (m.xv - m.yu) / den;
	return [p, -q, m.mu - p * m.mx + q * m.my, q, p, m.mv - q * m.mx - p * m.my];
}

function identityPairs(src: readonly Point[], dst: readonly Point[], fn: string): Pair[] {
	if (src.length !== dst.length) {
		throw new RangeError(`${fn}: src has ${src.length} points but dst has ${dst.length}; they must correspond one to one`);
	}
	return src.map((_, i): Pair => [i, i]);
}

/** Least-squares affine mapping src[i] to dst[i]; AlignError when fewer than 3 points or collinear. */
export function fitAffine(src: Point[], dst: Point[]): Affine {
	const t = solveAffine(src, dst, identityPairs(src, dst, 'fitAffine'));
	if (!t) throw new AlignError('TooFewStars', `fitAffine needs at least 3 non-collinear points, got ${src.length}`);
	return t;
}

/** Least-squares similarity mapping src[i] to dst[i]; AlignError when fewer than 2 distinct points. */
export function fitSimilarity(src: Point[], dst: Point[]): Affine {
	const t = solveSimilarity(src, dst, identityPairs(src, dst, 'fitSimilarity'));
	if (!t) throw new AlignError('TooFewStars', `fitSimilarity needs at least 2 distinct points, got ${src.length}`);
	return t;
}
