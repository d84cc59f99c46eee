// Order statistics on f32 scratch arrays, in place. Deterministic: results depend only on the values.

/** Insertion sort, ascending; the fastest for a few samples (cosmetic ring, quickselect tails). */
// @ts-ignore: decorator
@inline export function sortSmall(p: usize, n: i32): void {
	for (let i = 1; i < n; i++) {
		const v = load<f32>(p + (<usize>i << 2));
		let j = i - 1;
		while (j >= 0 && load<f32>(p + (<usize>j << 2)) > v) {
			store<f32>(p + (<usize>(j + 1) << 2), load<f32>(p + (<usize>j << 2)));
			j--;
		}
		store<f32>(p + (<usize>(j + 1) << 2), v);
	}
}

/** Reorders p[0..n) so that p[k] is the k-th smallest, smaller ones before it (quickselect,
 * median-of-three pivot). Returns p[k]. */
export function selectK(p: usize, n: i32, k: i32): f32 {
	let lo = 0;
	let hi = n - 1;
	while (hi > lo) {
		if (hi - lo < 16) {
			sortSmall(p + (<usize>lo << 2), hi - lo + 1);
			break;
		}
		const mid = lo + ((hi - lo) >> 1);
		const a = load<f32>(p + (<usize>lo << 2));
		const b = load<f32>(p + (<usize>mid << 2));
		const c = load<f32>(p + (<usize>hi << 2));
		const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (load<f32>(p + (<usize>i << 2)) < pivot) i++;
			while (load<f32>(p + (<usize>j << 2)) > pivot) j--;
			if (i <= j) {
				const t = load<f32>(p + (<usize>i << 2));
				store<f32>(p + (<usize>i << 2), load<f32>(p + (<usize>j << 2)));
				store<f32>(p + (<usize>j << 2), t);
				i++;
				j--;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else break;
	}
	return load<f32>(p + (<usize>k << 2));
}

/** Median of p[0..n) (mean of the two middle values when n is even); reorders p. n >= 1. */
export function median(p: usize, n: i32): f32 {
	const k = n >> 1;
	const upper = selectK(p, n, k);
	if (n & 1) return upper;
	let lower = load<f32>(p);
	for (let i = 1; i < k; i++) lower = max(lower, load<f32>(p + (<usize>i << 2)));
	return (lower + upper) * 0.5;
}
