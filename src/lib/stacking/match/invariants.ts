import type { Point } from './types';

/**
 * A triangle of stars with its vertices in canonical order — v[0] faces the shortest side, v[1] the
 * middle one, v[2] the longest — so the same asterism in two lists gives corresponding vertices.
 */
export interface Triangle {
	v: [number, number, number];
	/** Shortest / longest and middle / longest side: unchanged by rotation, shift and scale. */
	inv: [number, number];
}

/** A candidate correspondence: triangle `src` of one list may be triangle `dst` of the other. */
export interface TrianglePair {
	src: Triangle;
	dst: Triangle;
	/** Max difference of the invariants; smaller is more likely. */
	dist: number;
}

function dist2(a: Point, b: Point): number {
	const dx = a.x - b.x;
	const dy = a.y - b.y;
	return dx * dx + dy * dy;
}

/**
 * Each point's `k` nearest points, itself first (ties by index). Brute force: lists are ≤ 50 long.
 * Kept by insertion, no objects or sorts: this and arrangeTriangle run cold (interpreted) for the
 * first frames of a stack, where a small chunk spends most of its alignment.
 */
export function nearestNeighbours(points: readonly Point[], k: number): number[][] {
	return points.map((p) => {
		const near: number[] = [];
		const d2: number[] = [];
		for (let j = 0; j < points.length; j++) {
			const d = dist2(p, points[j]);
			let at = near.length;
			while (at > 0 && d2[at - 1] > d) at--; // an equal distance stays behind: j ascends
			if (at >= k) continue;
			near.splice(at, 0, j);
			d2.splice(at, 0, d);
			if (near.length > k) {
				near.pop();
				d2.pop();
			}
		}
		return near;
	});
}

/** The triangle in canonical order, or null when a side is shorter than `minSide`. */
export function arrangeTriangle(points: readonly Point[], i: number, j: number, k: number, minSide: number): Triangle | null {
	// Each vertex with the squared length of the side facing it, in (side, vertex) order.
	let [v0, v1, v2] = [i, j, k];
	let [s0, s1, s2] = [dist2(points[j], points[k]), dist2(points[i], points[k]), dist2(points[i], points[j])];
	if (s1 < s0 || (s1 === s0 && v1 < v0)) [v0, s0, v1, s1] = [v1, s1, v0, s0];
	if (s2 < s1 || (s2 === s1 && v2 < v1)) [v1, s1, v2, s2] = [v2, s2, v1, s1];
	if (s1 < s0 || (s1 === s0 && v1 < v0)) [v0, s0, v1, s1] = [v1, s1, v0, s0];
	if (s0 < minSide * minSide) return null;
	const longest = Math.sqrt(s2);
	return { v: [v0, v1, v2], inv: [Math.sqrt(s0) / longest, Math.sqrt(s1) / longest] };
}

/** Every distinct triangle among each point's neighbourhood of `k` (astroalign's _generate_invariants). */
export function buildTriangles(points: readonly Point[], k: number, minSide: number): Triangle[] {
	const seen = new Set<number>();
	const out: Triangle[] = [];
	const n = points.length;
	for (const hood of nearestNeighbours(points, k)) {
		const idx = [...hood].sort((a, b) => a - b);
		for (let a = 0; a < idx.length; a++) {
			for (let b = a + 1; b < idx.length; b++) {
				for (let c = b + 1; c < idx.length; c++) {
					const key = (idx[a] * n + idx[b]) * n + idx[c];
					if (seen.has(key)) continue;
					seen.add(key);
					const t = arrangeTriangle(points, idx[a], idx[b], idx[c], minSide);
					if (t) out.push(t);
				}
			}
		}
	}
	return out;
}

/** The triangles sorted by their invariants (stable), as matchTriangles searches them. */
export function sortTriangles(triangles: readonly Triangle[]): Triangle[] {
	return [...triangles].sort((a, b) => a.inv[0] - b.inv[0] || a.inv[1] - b.inv[1]);
}

/**
 * The best `max` triangle pairs whose invariants agree within `tol` in both components, best first
 * (equal distances in generation order), and how many pairs agreed in all. The dst triangles come
 * sorted by sortTriangles (once per list: the reference's serve every frame) and are searched by
 * bisection (a 1-D kd-tree). Agreeing pairs stay numbers until the best are chosen: a star-rich
 * frame has ~10^5 of them and RANSAC tries a few thousand, and as objects they made tens of MB of
 * garbage per aligned frame.
 */
export function matchTriangles(src: readonly Triangle[], sorted: readonly Triangle[], tol: number, max = Infinity): { pairs: TrianglePair[]; agreed: number } {
	const srcOf: number[] = [];
	const dstOf: number[] = [];
	const dists: number[] = [];
	for (let i = 0; i < src.length; i++) {
		const s = src[i];
		let lo = 0;
		let hi = sorted.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (sorted[mid].inv[0] < s.inv[0] - tol) lo = mid + 1;
			else hi = mid;
		}
		for (let m = lo; m < sorted.length && sorted[m].inv[0] <= s.inv[0] + tol; m++) {
			const d = sorted[m];
			const dist = Math.max(Math.abs(d.inv[0] - s.inv[0]), Math.abs(d.inv[1] - s.inv[1]));
			if (dist > tol) continue;
			srcOf.push(i);
			dstOf.push(m);
			dists.push(dist);
		}
	}
	// Equal distances keep the deterministic generation order.
	const pairs = best(dists, max).map((k) => ({ src: src[srcOf[k]], dst: sorted[dstOf[k]], dist: dists[k] }));
	return { pairs, agreed: dists.length };
}

/**
 * Indices of the `max` smallest distances, ascending (ties by index): the head of the full order,
 * without ordering the ~10^5 others by a comparator. The cut is the max-th smallest distance (a
 * native numeric sort); only the indices at or below it are ordered.
 */
function best(dists: number[], max: number): number[] {
	let cut = Infinity;
	if (dists.length > max) cut = Float64Array.from(dists).sort()[max - 1];
	const kept: number[] = [];
	for (let k = 0; k < dists.length; k++) if (!(dists[k] > cut)) kept.push(k);
	return kept.sort((a, b) => dists[a] - dists[b] || a - b).slice(0, max);
}
