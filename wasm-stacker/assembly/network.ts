// Sorting networks over f32x4 lanes: Batcher's odd-even merge sort for any n (comparators that would
// touch an index >= n are dropped, which stays a sorting network because the missing positions act as
// +Infinity). Branch-free: each comparator is a lane-wise min and max, so four pixels sort at once.

/** Writes the comparators of an n-input network over the f32x4 vectors at v to net (the two vectors'
 * addresses, u32 each) and returns how many there are; net == 0 only counts them. The merges start at
 * runs of `from` (a power of 2): the stages before only sort within aligned blocks of `from`, which
 * sortBlocks16 does for 16. */
export function buildNetwork(net: usize, n: i32, from: i32, v: usize): i32 {
	let count = 0;
	for (let p = from; p < n; p += p) {
		for (let k = p; k > 0; k >>= 1) {
			for (let j = k % p; j + k < n; j += k + k) {
				for (let i = 0; i < k && i + j + k < n; i++) {
					if ((i + j) / (p + p) != (i + j + k) / (p + p)) continue;
					if (net != 0) {
						store<u32>(net + (<usize>count << 3), <u32>(v + (<usize>(i + j) << 4)));
						store<u32>(net + (<usize>count << 3), <u32>(v + (<usize>(i + j + k) << 4)), 4);
					}
					count++;
				}
			}
		}
	}
	return count;
}

/** Sorts vectors ascending, lane by lane, with a network from buildNetwork. pmin/pmax are exact
 * selections (b < a ? b : a), so the lanes end up holding the same values, reordered (the sign of
 * equal zeros aside). Two comparators per step, in order. */
export function sortNetwork(net: usize, comparators: i32): void {
	let c = net;
	if (comparators & 1) {
		compareExchange(<usize>load<u32>(c), <usize>load<u32>(c, 4));
		c += 8;
	}
	const end = net + (<usize>comparators << 3);
	for (; c < end; c += 16) {
		compareExchange(<usize>load<u32>(c), <usize>load<u32>(c, 4));
		compareExchange(<usize>load<u32>(c, 8), <usize>load<u32>(c, 12));
	}
}

// @ts-ignore: decorator
@inline function compareExchange(a: usize, b: usize): void {
	const x = v128.load(a);
	const y = v128.load(b);
	v128.store(a, f32x4.pmin(x, y));
	v128.store(b, f32x4.pmax(x, y));
}

// sort8 and sort16 were generated from buildNetwork(., n, 1, .)'s loops (a few lines of script printing each
// comparator); small networks held in registers avoid the loads and stores of sortNetwork.

/** Sorts the 8 f32x4 at v lane by lane in registers: the 19 comparators of buildNetwork(., 8, 1, v), unrolled. */
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

/** Sorts the 16 f32x4 at v lane by lane in registers: the 63 comparators of buildNetwork(., 16, 1, v), unrolled. */
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
