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

// Large arrays (background samples): quickselect that copies each partition between two buffers. The
// copy loop stores every value at both ends and advances one end by the comparison, so it has no
// branch on the data (Hoare's scans mispredict about every other element) and groups the values equal
// to the pivot in the middle, which quantised data has many of.

/** Below this many values the rest is sorted outright. */
const COPY_SMALL = 32;
let splitLo = 0;
let splitHi = 0;

// @ts-ignore: decorator
@inline function value(p: usize, i: i32, dev: bool, centre: f32): f32 {
	const v = load<f32>(p + (<usize>i << 2));
	return dev ? Mathf.abs(v - centre) : v;
}

/** Copies from[lo, hi) (as |v - centre| when dev) to to[lo, hi): values below pivot first, above it
 * last. Sets splitLo, splitHi: to[splitLo..splitHi] are the values equal to pivot (not written). */
function partitionCopy(from: usize, to: usize, lo: i32, hi: i32, pivot: f32, dev: bool, centre: f32): void {
	let l = <usize>lo << 2;
	let r = <usize>(hi - 1) << 2;
	const end = from + (<usize>hi << 2);
	for (let p = from + (<usize>lo << 2); p < end; p += 4) {
		const v = dev ? Mathf.abs(load<f32>(p) - centre) : load<f32>(p);
		store<f32>(to + l, v);
		store<f32>(to + r, v);
		l += <usize>(v < pivot) << 2;
		r -= <usize>(v > pivot) << 2;
	}
	splitLo = <i32>(l >> 2);
	splitHi = <i32>(r >> 2);
}

// @ts-ignore: decorator
@inline function median3(x: f32, y: f32, z: f32): f32 {
	return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}

/** The k-th smallest of src[0..n) (of |src[i] - centre| when dev); a and b: n f32 of scratch each.
 * src is left unchanged. */
function selectCopy(src: usize, n: i32, k: i32, dev: bool, centre: f32, a: usize, b: usize): f32 {
	let from = src;
	let to = a;
	let lo = 0;
	let hi = n;
	let first = dev;
	while (hi - lo > COPY_SMALL) {
		// ninther: the median of the medians of three triples spread over the range
		const e = (hi - lo) >> 3;
		const pivot = median3(
			median3(value(from, lo, first, centre), value(from, lo + e, first, centre), value(from, lo + 2 * e, first, centre)),
			median3(value(from, lo + 3 * e, first, centre), value(from, lo + 4 * e, first, centre), value(from, lo + 5 * e, first, centre)),
			median3(value(from, lo + 6 * e, first, centre), value(from, lo + 7 * e, first, centre), value(from, hi - 1, first, centre))
		);
		partitionCopy(from, to, lo, hi, pivot, first, centre);
		if (k < splitLo) hi = splitLo;
		else if (k > splitHi) lo = splitHi + 1;
		else return pivot;
		from = to;
		to = to == a ? b : a;
		first = false;
	}
	for (let i = lo; i < hi; i++) store<f32>(to + (<usize>i << 2), value(from, i, first, centre));
	sortSmall(to + (<usize>lo << 2), hi - lo);
	return load<f32>(to + (<usize>k << 2));
}

/** Median of src[0..n) (of |src[i] - centre| when dev), n >= 1, as median() computes it; src unchanged. */
export function medianCopy(src: usize, n: i32, dev: bool, centre: f32, a: usize, b: usize): f32 {
	const k = n >> 1;
	const upper = selectCopy(src, n, k, dev, centre, a, b);
	if (n & 1) return upper;
	// the (k-1)-th: upper again unless exactly k values lie below it, then the largest of those
	let below = 0;
	let most = <f32>-Infinity;
	for (let i = 0; i < n; i++) {
		const v = value(src, i, dev, centre);
		const lt = v < upper;
		below += <i32>lt;
		most = select<f32>(max(most, v), most, lt);
	}
	return ((below < k ? upper : most) + upper) * 0.5;
}
