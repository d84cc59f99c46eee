// Order statistics on f32 scratch arrays, in place. Deterministic: results depend only on the values.

/** Insertion sort, ascending; the fastest for the few samples of a small-N combine. */
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

/** Median of an ascending array p[0..n). */
// @ts-ignore: decorator
@inline export function sortedMedian(p: usize, n: i32): f32 {
	const k = n >> 1;
	const upper = load<f32>(p + (<usize>k << 2));
	return n & 1 ? upper : (load<f32>(p + (<usize>(k - 1) << 2)) + upper) * 0.5;
}

/** Median absolute deviation from m of an ascending array p[0..n), in O(n): the deviations below m
 * and above m are two sorted runs; merge them until the middle. */
export function sortedMad(p: usize, n: i32, m: f32): f32 {
	// split: first index with value >= m
	let s = 0;
	while (s < n && load<f32>(p + (<usize>s << 2)) < m) s++;
	let lo = s - 1;
	let hi = s;
	const k = n >> 1;
	let prev: f32 = 0;
	let cur: f32 = 0;
	for (let i = 0; i <= k; i++) {
		prev = cur;
		const dl = lo >= 0 ? m - load<f32>(p + (<usize>lo << 2)) : <f32>Infinity;
		const dh = hi < n ? load<f32>(p + (<usize>hi << 2)) - m : <f32>Infinity;
		if (dl <= dh) {
			cur = dl;
			lo--;
		} else {
			cur = dh;
			hi++;
		}
	}
	return n & 1 ? cur : (prev + cur) * 0.5;
}
