// Sorting networks over f32x4 lanes: Batcher's odd-even merge sort for any n (comparators that would
// touch an index >= n are dropped, which stays a sorting network because the missing positions act as
// +Infinity). Branch-free: each comparator is a lane-wise min and max (exact selections: b < a ? b : a),
// so four pixels sort at once and the lanes end up holding the same values, reordered.

/** Vectors the sort of n > 16 samples works on: n rounded up to a power of 2, the rest +Infinity. */
export function mergeSize(n: i32): i32 {
	return 1 << (32 - clz(n - 1));
}

/** Sorts the n (> 16) f32x4 at v ascending, lane by lane, whose aligned blocks of 16 are each sorted:
 * Batcher's odd-even merges of runs of 16, 32, ... The merges recurse down to 16 vectors at a stride,
 * which merge16 merges in registers; every comparator is the one that Batcher's network for n inputs
 * has (those touching an index >= n dropped), so the lanes end up exactly as that network leaves them.
 * v[n .. mergeSize(n)) must hold +Infinity: merge16 reads and rewrites them unchanged. */
export function mergeBlocks16(v: usize, n: i32): void {
	for (let p = 16; p < n; p += p) {
		for (let lo = 0; lo + p < n; lo += p + p) oddEvenMerge(v, lo, lo + p + p - 1, 1, n);
	}
}

/** Batcher's odd-even merge of the elements lo, lo + r, ... <= hi, both halves sorted. */
function oddEvenMerge(v: usize, lo: i32, hi: i32, r: i32, n: i32): void {
	if (lo >= n) return;
	if ((hi - lo) / r == 15) {
		merge16(v + (<usize>lo << 4), <usize>r << 4);
		return;
	}
	const step = r + r;
	oddEvenMerge(v, lo, hi, step, n);
	oddEvenMerge(v, lo + r, hi, step, n);
	const end = min(hi - r, n - r);
	for (let i = lo + r; i < end; i += step) compareExchange(v + (<usize>i << 4), v + (<usize>(i + r) << 4));
}

// @ts-ignore: decorator
@inline function compareExchange(a: usize, b: usize): void {
	const x = v128.load(a);
	const y = v128.load(b);
	v128.store(a, f32x4.pmin(x, y));
	v128.store(b, f32x4.pmax(x, y));
}

/** Merges the 16 f32x4 at v + t * stride (t = 0..15), the halves t < 8 and t >= 8 each sorted, in
 * registers: the 25 comparators of Batcher's odd-even merge of 16, unrolled (pmin/pmax select exactly). */
function merge16(v: usize, stride: usize): void {
	let a0 = v128.load(v + 0);
	let a1 = v128.load(v + stride);
	let a2 = v128.load(v + 2 * stride);
	let a3 = v128.load(v + 3 * stride);
	let a4 = v128.load(v + 4 * stride);
	let a5 = v128.load(v + 5 * stride);
	let a6 = v128.load(v + 6 * stride);
	let a7 = v128.load(v + 7 * stride);
	let a8 = v128.load(v + 8 * stride);
	let a9 = v128.load(v + 9 * stride);
	let a10 = v128.load(v + 10 * stride);
	let a11 = v128.load(v + 11 * stride);
	let a12 = v128.load(v + 12 * stride);
	let a13 = v128.load(v + 13 * stride);
	let a14 = v128.load(v + 14 * stride);
	let a15 = v128.load(v + 15 * stride);
	let t: v128;
	t = f32x4.pmin(a0, a8); a8 = f32x4.pmax(a0, a8); a0 = t;
	t = f32x4.pmin(a4, a12); a12 = f32x4.pmax(a4, a12); a4 = t;
	t = f32x4.pmin(a4, a8); a8 = f32x4.pmax(a4, a8); a4 = t;
	t = f32x4.pmin(a2, a10); a10 = f32x4.pmax(a2, a10); a2 = t;
	t = f32x4.pmin(a6, a14); a14 = f32x4.pmax(a6, a14); a6 = t;
	t = f32x4.pmin(a6, a10); a10 = f32x4.pmax(a6, a10); a6 = t;
	t = f32x4.pmin(a2, a4); a4 = f32x4.pmax(a2, a4); a2 = t;
	t = f32x4.pmin(a6, a8); a8 = f32x4.pmax(a6, a8); a6 = t;
	t = f32x4.pmin(a10, a12); a12 = f32x4.pmax(a10, a12); a10 = t;
	t = f32x4.pmin(a1, a9); a9 = f32x4.pmax(a1, a9); a1 = t;
	t = f32x4.pmin(a5, a13); a13 = f32x4.pmax(a5, a13); a5 = t;
	t = f32x4.pmin(a5, a9); a9 = f32x4.pmax(a5, a9); a5 = t;
	t = f32x4.pmin(a3, a11); a11 = f32x4.pmax(a3, a11); a3 = t;
	t = f32x4.pmin(a7, a15); a15 = f32x4.pmax(a7, a15); a7 = t;
	t = f32x4.pmin(a7, a11); a11 = f32x4.pmax(a7, a11); a7 = t;
	t = f32x4.pmin(a3, a5); a5 = f32x4.pmax(a3, a5); a3 = t;
	t = f32x4.pmin(a7, a9); a9 = f32x4.pmax(a7, a9); a7 = t;
	t = f32x4.pmin(a11, a13); a13 = f32x4.pmax(a11, a13); a11 = t;
	t = f32x4.pmin(a1, a2); a2 = f32x4.pmax(a1, a2); a1 = t;
	t = f32x4.pmin(a3, a4); a4 = f32x4.pmax(a3, a4); a3 = t;
	t = f32x4.pmin(a5, a6); a6 = f32x4.pmax(a5, a6); a5 = t;
	t = f32x4.pmin(a7, a8); a8 = f32x4.pmax(a7, a8); a7 = t;
	t = f32x4.pmin(a9, a10); a10 = f32x4.pmax(a9, a10); a9 = t;
	t = f32x4.pmin(a11, a12); a12 = f32x4.pmax(a11, a12); a11 = t;
	t = f32x4.pmin(a13, a14); a14 = f32x4.pmax(a13, a14); a13 = t;
	v128.store(v + 0, a0);
	v128.store(v + stride, a1);
	v128.store(v + 2 * stride, a2);
	v128.store(v + 3 * stride, a3);
	v128.store(v + 4 * stride, a4);
	v128.store(v + 5 * stride, a5);
	v128.store(v + 6 * stride, a6);
	v128.store(v + 7 * stride, a7);
	v128.store(v + 8 * stride, a8);
	v128.store(v + 9 * stride, a9);
	v128.store(v + 10 * stride, a10);
	v128.store(v + 11 * stride, a11);
	v128.store(v + 12 * stride, a12);
	v128.store(v + 13 * stride, a13);
	v128.store(v + 14 * stride, a14);
	v128.store(v + 15 * stride, a15);
}

// sort8, sort16 and merge16 were generated from the loops of Batcher's network (a few lines of script
// printing each comparator); held in registers they avoid a load and a store per comparator.

/** Sorts the 8 f32x4 at v lane by lane in registers: the 19 comparators of Batcher's network for 8, unrolled. */
export function sort8(v: usize): void {
	let a0 = v128.load(v, 0);
	let a1 = v128.load(v, 16);
	let a2 = v128.load(v, 32);
	let a3 = v128.load(v, 48);
	let a4 = v128.load(v, 64);
	let a5 = v128.load(v, 80);
	let a6 = v128.load(v, 96);
	let a7 = v128.load(v, 112);
	let t: v128;
	t = f32x4.pmin(a0, a1); a1 = f32x4.pmax(a0, a1); a0 = t;
	t = f32x4.pmin(a2, a3); a3 = f32x4.pmax(a2, a3); a2 = t;
	t = f32x4.pmin(a4, a5); a5 = f32x4.pmax(a4, a5); a4 = t;
	t = f32x4.pmin(a6, a7); a7 = f32x4.pmax(a6, a7); a6 = t;
	t = f32x4.pmin(a0, a2); a2 = f32x4.pmax(a0, a2); a0 = t;
	t = f32x4.pmin(a1, a3); a3 = f32x4.pmax(a1, a3); a1 = t;
	t = f32x4.pmin(a4, a6); a6 = f32x4.pmax(a4, a6); a4 = t;
	t = f32x4.pmin(a5, a7); a7 = f32x4.pmax(a5, a7); a5 = t;
	t = f32x4.pmin(a1, a2); a2 = f32x4.pmax(a1, a2); a1 = t;
	t = f32x4.pmin(a5, a6); a6 = f32x4.pmax(a5, a6); a5 = t;
	t = f32x4.pmin(a0, a4); a4 = f32x4.pmax(a0, a4); a0 = t;
	t = f32x4.pmin(a1, a5); a5 = f32x4.pmax(a1, a5); a1 = t;
	t = f32x4.pmin(a2, a6); a6 = f32x4.pmax(a2, a6); a2 = t;
	t = f32x4.pmin(a3, a7); a7 = f32x4.pmax(a3, a7); a3 = t;
	t = f32x4.pmin(a2, a4); a4 = f32x4.pmax(a2, a4); a2 = t;
	t = f32x4.pmin(a3, a5); a5 = f32x4.pmax(a3, a5); a3 = t;
	t = f32x4.pmin(a1, a2); a2 = f32x4.pmax(a1, a2); a1 = t;
	t = f32x4.pmin(a3, a4); a4 = f32x4.pmax(a3, a4); a3 = t;
	t = f32x4.pmin(a5, a6); a6 = f32x4.pmax(a5, a6); a5 = t;
	v128.store(v, a0, 0);
	v128.store(v, a1, 16);
	v128.store(v, a2, 32);
	v128.store(v, a3, 48);
	v128.store(v, a4, 64);
	v128.store(v, a5, 80);
	v128.store(v, a6, 96);
	v128.store(v, a7, 112);
}

/** Sorts the 16 f32x4 at v lane by lane in registers: the 63 comparators of Batcher's network for 16, unrolled. */
export function sort16(v: usize): void {
	let a0 = v128.load(v, 0);
	let a1 = v128.load(v, 16);
	let a2 = v128.load(v, 32);
	let a3 = v128.load(v, 48);
	let a4 = v128.load(v, 64);
	let a5 = v128.load(v, 80);
	let a6 = v128.load(v, 96);
	let a7 = v128.load(v, 112);
	let a8 = v128.load(v, 128);
	let a9 = v128.load(v, 144);
	let a10 = v128.load(v, 160);
	let a11 = v128.load(v, 176);
	let a12 = v128.load(v, 192);
	let a13 = v128.load(v, 208);
	let a14 = v128.load(v, 224);
	let a15 = v128.load(v, 240);
	let t: v128;
	t = f32x4.pmin(a0, a1); a1 = f32x4.pmax(a0, a1); a0 = t;
	t = f32x4.pmin(a2, a3); a3 = f32x4.pmax(a2, a3); a2 = t;
	t = f32x4.pmin(a4, a5); a5 = f32x4.pmax(a4, a5); a4 = t;
	t = f32x4.pmin(a6, a7); a7 = f32x4.pmax(a6, a7); a6 = t;
	t = f32x4.pmin(a8, a9); a9 = f32x4.pmax(a8, a9); a8 = t;
	t = f32x4.pmin(a10, a11); a11 = f32x4.pmax(a10, a11); a10 = t;
	t = f32x4.pmin(a12, a13); a13 = f32x4.pmax(a12, a13); a12 = t;
	t = f32x4.pmin(a14, a15); a15 = f32x4.pmax(a14, a15); a14 = t;
	t = f32x4.pmin(a0, a2); a2 = f32x4.pmax(a0, a2); a0 = t;
	t = f32x4.pmin(a1, a3); a3 = f32x4.pmax(a1, a3); a1 = t;
	t = f32x4.pmin(a4, a6); a6 = f32x4.pmax(a4, a6); a4 = t;
	t = f32x4.pmin(a5, a7); a7 = f32x4.pmax(a5, a7); a5 = t;
	t = f32x4.pmin(a8, a10); a10 = f32x4.pmax(a8, a10); a8 = t;
	t = f32x4.pmin(a9, a11); a11 = f32x4.pmax(a9, a11); a9 = t;
	t = f32x4.pmin(a12, a14); a14 = f32x4.pmax(a12, a14); a12 = t;
	t = f32x4.pmin(a13, a15); a15 = f32x4.pmax(a13, a15); a13 = t;
	t = f32x4.pmin(a1, a2); a2 = f32x4.pmax(a1, a2); a1 = t;
	t = f32x4.pmin(a5, a6); a6 = f32x4.pmax(a5, a6); a5 = t;
	t = f32x4.pmin(a9, a10); a10 = f32x4.pmax(a9, a10); a9 = t;
	t = f32x4.pmin(a13, a14); a14 = f32x4.pmax(a13, a14); a13 = t;
	t = f32x4.pmin(a0, a4); a4 = f32x4.pmax(a0, a4); a0 = t;
	t = f32x4.pmin(a1, a5); a5 = f32x4.pmax(a1, a5); a1 = t;
	t = f32x4.pmin(a2, a6); a6 = f32x4.pmax(a2, a6); a2 = t;
	t = f32x4.pmin(a3, a7); a7 = f32x4.pmax(a3, a7); a3 = t;
	t = f32x4.pmin(a8, a12); a12 = f32x4.pmax(a8, a12); a8 = t;
	t = f32x4.pmin(a9, a13); a13 = f32x4.pmax(a9, a13); a9 = t;
	t = f32x4.pmin(a10, a14); a14 = f32x4.pmax(a10, a14); a10 = t;
	t = f32x4.pmin(a11, a15); a15 = f32x4.pmax(a11, a15); a11 = t;
	t = f32x4.pmin(a2, a4); a4 = f32x4.pmax(a2, a4); a2 = t;
	t = f32x4.pmin(a3, a5); a5 = f32x4.pmax(a3, a5); a3 = t;
	t = f32x4.pmin(a10, a12); a12 = f32x4.pmax(a10, a12); a10 = t;
	t = f32x4.pmin(a11, a13); a13 = f32x4.pmax(a11, a13); a11 = t;
	t = f32x4.pmin(a1, a2); a2 = f32x4.pmax(a1, a2); a1 = t;
	t = f32x4.pmin(a3, a4); a4 = f32x4.pmax(a3, a4); a3 = t;
	t = f32x4.pmin(a5, a6); a6 = f32x4.pmax(a5, a6); a5 = t;
	t = f32x4.pmin(a9, a10); a10 = f32x4.pmax(a9, a10); a9 = t;
	t = f32x4.pmin(a11, a12); a12 = f32x4.pmax(a11, a12); a11 = t;
	t = f32x4.pmin(a13, a14); a14 = f32x4.pmax(a13, a14); a13 = t;
	t = f32x4.pmin(a0, a8); a8 = f32x4.pmax(a0, a8); a0 = t;
	t = f32x4.pmin(a1, a9); a9 = f32x4.pmax(a1, a9); a1 = t;
	t = f32x4.pmin(a2, a10); a10 = f32x4.pmax(a2, a10); a2 = t;
	t = f32x4.pmin(a3, a11); a11 = f32x4.pmax(a3, a11); a3 = t;
	t = f32x4.pmin(a4, a12); a12 = f32x4.pmax(a4, a12); a4 = t;
	t = f32x4.pmin(a5, a13); a13 = f32x4.pmax(a5, a13); a5 = t;
	t = f32x4.pmin(a6, a14); a14 = f32x4.pmax(a6, a14); a6 = t;
	t = f32x4.pmin(a7, a15); a15 = f32x4.pmax(a7, a15); a7 = t;
	t = f32x4.pmin(a4, a8); a8 = f32x4.pmax(a4, a8); a4 = t;
	t = f32x4.pmin(a5, a9); a9 = f32x4.pmax(a5, a9); a5 = t;
	t = f32x4.pmin(a6, a10); a10 = f32x4.pmax(a6, a10); a6 = t;
	t = f32x4.pmin(a7, a11); a11 = f32x4.pmax(a7, a11); a7 = t;
	t = f32x4.pmin(a2, a4); a4 = f32x4.pmax(a2, a4); a2 = t;
	t = f32x4.pmin(a3, a5); a5 = f32x4.pmax(a3, a5); a3 = t;
	t = f32x4.pmin(a6, a8); a8 = f32x4.pmax(a6, a8); a6 = t;
	t = f32x4.pmin(a7, a9); a9 = f32x4.pmax(a7, a9); a7 = t;
	t = f32x4.pmin(a10, a12); a12 = f32x4.pmax(a10, a12); a10 = t;
	t = f32x4.pmin(a11, a13); a13 = f32x4.pmax(a11, a13); a11 = t;
	t = f32x4.pmin(a1, a2); a2 = f32x4.pmax(a1, a2); a1 = t;
	t = f32x4.pmin(a3, a4); a4 = f32x4.pmax(a3, a4); a3 = t;
	t = f32x4.pmin(a5, a6); a6 = f32x4.pmax(a5, a6); a5 = t;
	t = f32x4.pmin(a7, a8); a8 = f32x4.pmax(a7, a8); a7 = t;
	t = f32x4.pmin(a9, a10); a10 = f32x4.pmax(a9, a10); a9 = t;
	t = f32x4.pmin(a11, a12); a12 = f32x4.pmax(a11, a12); a11 = t;
	t = f32x4.pmin(a13, a14); a14 = f32x4.pmax(a13, a14); a13 = t;
	v128.store(v, a0, 0);
	v128.store(v, a1, 16);
	v128.store(v, a2, 32);
	v128.store(v, a3, 48);
	v128.store(v, a4, 64);
	v128.store(v, a5, 80);
	v128.store(v, a6, 96);
	v128.store(v, a7, 112);
	v128.store(v, a8, 128);
	v128.store(v, a9, 144);
	v128.store(v, a10, 160);
	v128.store(v, a11, 176);
	v128.store(v, a12, 192);
	v128.store(v, a13, 208);
	v128.store(v, a14, 224);
	v128.store(v, a15, 240);
}

/** sort16 on each aligned block of 16 of the `blocks` * 16 vectors at v. */
export function sortBlocks16(v: usize, blocks: i32): void {
	for (let b = 0; b < blocks; b++) sort16(v + (<usize>b << 8));
}
