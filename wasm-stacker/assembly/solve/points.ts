// Point lists: entries of x, y (f64) and an index (i32), POINT_BYTES each. Sorted by x, they answer
// "nearest point within r" by bisection and a short scan, with no grid to clear per candidate.

export const POINT_BYTES: usize = 24;

// @ts-ignore: decorator
@inline export function pointAt(p: usize, i: i32): usize {
	return p + <usize>i * POINT_BYTES;
}

export function setPoint(p: usize, i: i32, x: f64, y: f64, index: i32): void {
	const e = pointAt(p, i);
	store<f64>(e, x);
	store<f64>(e, y, 8);
	store<i32>(e, index, 16);
}

/** Before: x smaller, or equal x and smaller index (a total order, so the result is unique). */
// @ts-ignore: decorator
@inline function before(x: f64, i: i32, y: f64, j: i32): bool {
	return x < y || (x == y && i < j);
}

/** Insertion sort by x then index: lists are at most a few hundred long and sorted once. */
export function sortByX(p: usize, n: i32): void {
	for (let i = 1; i < n; i++) {
		const e = pointAt(p, i);
		const x = load<f64>(e);
		const y = load<f64>(e, 8);
		const idx = load<i32>(e, 16);
		let j = i - 1;
		while (j >= 0 && before(x, idx, load<f64>(pointAt(p, j)), load<i32>(pointAt(p, j), 16))) {
			memory.copy(pointAt(p, j + 1), pointAt(p, j), POINT_BYTES);
			j--;
		}
		setPoint(p, j + 1, x, y, idx);
	}
}

let found: f64 = 0;

/** Squared distance of the last hit of `nearest`. */
export function nearestDist2(): f64 {
	return found;
}

/** Index (the entries' own) of the nearest point within r of (x, y) in a list sorted by x, or -1;
 * ties go to the lower index. */
export function nearest(p: usize, n: i32, x: f64, y: f64, r: f64): i32 {
	let lo = 0;
	let hi = n;
	const x0 = x - r;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (load<f64>(pointAt(p, mid)) < x0) lo = mid + 1;
		else hi = mid;
	}
	let best = r * r;
	let hit = -1;
	const x1 = x + r;
	for (let k = lo; k < n; k++) {
		const e = pointAt(p, k);
		const px = load<f64>(e);
		if (px > x1) break;
		const dx = px - x;
		const dy = load<f64>(e, 8) - y;
		const d2 = dx * dx + dy * dy;
		const idx = load<i32>(e, 16);
		if (d2 < best || (d2 == best && (hit < 0 || idx < hit))) {
			best = d2;
			hit = idx;
		}
	}
	found = best;
	return hit;
}
