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

// Large arrays (background samples): sorted once by an LSD radix sort, so that every median and MAD
// of a contiguous run is read off in O(n) or less, without comparisons that mispredict.

/** Sorts p[0..n) ascending as f32 (-0 before +0; no NaN) by 4 byte passes over order-preserving u32 keys.
 * tmp: n u32; hist: 4 KiB. A pass is skipped where every key has the same byte (the exponent byte of
 * samples of one plane, usually). */
export function sortF32(p: usize, n: i32, tmp: usize, hist: usize): void {
	memory.fill(hist, 0, 4096);
	const end = p + (<usize>n << 2);
	for (let q = p; q < end; q += 4) {
		const b = load<u32>(q);
		const k = b ^ (<u32>(<i32>b >> 31) | 0x80000000);
		store<u32>(q, k);
		count(hist, k & 255);
		count(hist + 1024, (k >> 8) & 255);
		count(hist + 2048, (k >> 16) & 255);
		count(hist + 3072, k >> 24);
	}
	let from = p;
	let to = tmp;
	for (let pass = 0; pass < 4; pass++) {
		const h = hist + (<usize>pass << 10);
		// exclusive prefix sums; a byte all keys share needs no pass
		let sum: u32 = 0;
		let single = false;
		for (let d: usize = 0; d < 1024; d += 4) {
			const c = load<u32>(h + d);
			single = single || c == <u32>n;
			store<u32>(h + d, sum);
			sum += c;
		}
		if (single) continue;
		const shift = <u32>(pass << 3);
		const fromEnd = from + (<usize>n << 2);
		for (let q = from; q < fromEnd; q += 4) {
			const k = load<u32>(q);
			const slot = h + (<usize>((k >> shift) & 255) << 2);
			const at = load<u32>(slot);
			store<u32>(slot, at + 1);
			store<u32>(to + (<usize>at << 2), k);
		}
		const t = from;
		from = to;
		to = t;
	}
	for (let i = 0; i < n; i++) {
		const k = load<u32>(from + (<usize>i << 2));
		store<u32>(p + (<usize>i << 2), k ^ (<u32>(<i32>~k >> 31) | 0x80000000));
	}
}

// @ts-ignore: decorator
@inline function count(h: usize, d: u32): void {
	const at = h + (<usize>d << 2);
	store<u32>(at, load<u32>(at) + 1);
}

/** Median of the n >= 1 ascending values at p (mean of the two middle ones when n is even). */
export function sortedMedian(p: usize, n: i32): f32 {
	const k = n >> 1;
	const upper = load<f32>(p + (<usize>k << 2));
	if (n & 1) return upper;
	return (load<f32>(p + (<usize>(k - 1) << 2)) + upper) * 0.5;
}

/** Median of |v - c| over the n >= 1 ascending values v at p, without sorting the deviations: they fall
 * then rise along p, so the j + 1 smallest are consecutive, and the (j+1)-th smallest is the least, over
 * windows of j + 1 values, of the larger deviation at the window's two ends. */
export function sortedMad(p: usize, n: i32, c: f32): f32 {
	const k = n >> 1;
	const upper = windowMin(p, n, c, k);
	if (n & 1) return upper;
	return (windowMin(p, n, c, k - 1) + upper) * 0.5;
}

/** The (j+1)-th smallest |v - c| of the n ascending values at p; 4 windows per step. Deviations are
 * never NaN or -0, so the lanes' order of min and max does not change the result. */
function windowMin(p: usize, n: i32, c: f32, j: i32): f32 {
	const windows = n - j;
	const span = <usize>j << 2;
	const cv = f32x4.splat(c);
	let least = f32x4.splat(Infinity);
	let i = 0;
	for (; i + 4 <= windows; i += 4) {
		const at = p + (<usize>i << 2);
		const a = f32x4.abs(f32x4.sub(v128.load(at), cv));
		const b = f32x4.abs(f32x4.sub(v128.load(at + span), cv));
		least = f32x4.pmin(least, f32x4.pmax(a, b));
	}
	let m = min(min(f32x4.extract_lane(least, 0), f32x4.extract_lane(least, 1)), min(f32x4.extract_lane(least, 2), f32x4.extract_lane(least, 3)));
	for (; i < windows; i++) {
		const at = p + (<usize>i << 2);
		m = min(m, max(Mathf.abs(load<f32>(at) - c), Mathf.abs(load<f32>(at + span) - c)));
	}
	return m;
}
