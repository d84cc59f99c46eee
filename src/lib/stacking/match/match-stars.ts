import { applyAffine } from './affine';
import type { Pair } from './fit';
import { PointGrid } from './point-grid';
import type { Affine, Point } from './types';

/**
 * Pairs every src star with the nearest dst star within `tol` after mapping it through `t`. A dst
 * star claimed by several src stars keeps the closest (the lower src index on a tie). Ascending by
 * src index.
 */
export function matchUnderTransform(
	src: readonly Point[],
	dstGrid: PointGrid,
	t: Affine,
	tol: number
): Pair[] {
	const claim = new Map<number, { i: number; d2: number }>();
	for (let i = 0; i < src.length; i++) {
		const [x, y] = applyAffine(t, src[i].x, src[i].y);
		const { index: j, dist2 } = dstGrid.nearest(x, y, tol);
		if (j < 0) continue;
		const held = claim.get(j);
		if (!held || dist2 < held.d2) claim.set(j, { i, d2: dist2 });
	}
	const pairs: Pair[] = [];
	for (const [j, { i }] of claim) pairs.push([i, j]);
	return pairs.sort((p, q) => p[0] - q[0]);
}

/** The 2-D distance between t(src[i]) and dst[j] for each pair. */
export function pairResiduals(src: readonly Point[], dst: readonly Point[], pairs: readonly Pair[], t: Affine): number[] {
	return pairs.map(([i, j]) => {
		const [x, y] = applyAffine(t, src[i].x, src[i].y);
		return Math.sqrt((x - dst[j].x) * (x - dst[j].x) + (y - dst[j].y) * (y - dst[j].y));
	});
}

/** Root mean square of the 2-D distance between t(src[i]) and dst[j] over the pairs. */
export function pairRms(src: readonly Point[], dst: readonly Point[], pairs: readonly Pair[], t: Affine): number {
	if (!pairs.length) return NaN;
	let sum = 0;
	for (const r of pairResiduals(src, dst, pairs, t)) sum += r * r;
	return Math.sqrt(sum / pairs.length);
}
