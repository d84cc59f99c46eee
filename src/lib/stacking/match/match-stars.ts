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

/** Root mean square of the 2-D distance between t(src[i]) and dst[j] over the pairs. */
export function pairRms(src: readonly Point[], dst: readonly Point[], pairs: readonly Pair[], t: Affine): number {
	if (!pairs.length) return NaN;
	let sum = 0;
	for (const [i, j] of pairs) {
		const [x, y] = applyAffine(t, src[i].x, src[i].y);
		const dx = x - dst[j].x;
		const dy = y - dst[j].y;
		sum += dx * dx + dy * dy;
	}
	return Math.sqrt(sum / pairs.length);
}
