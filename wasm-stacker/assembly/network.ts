// Sorting networks over f32x4 lanes: Batcher's odd-even merge sort for any n (comparators that would
// touch an index >= n are dropped, which stays a sorting network because the missing positions act as
// +Infinity). Branch-free: each comparator is a lane-wise min and max, so four pixels sort at once.

/** Writes the comparators of an n-input network at net (two u32 byte offsets, index * 16, each) and
 * returns how many there are; net == 0 only counts them. */
export function buildNetwork(net: usize, n: i32): i32 {
	let count = 0;
	for (let p = 1; p < n; p += p) {
		for (let k = p; k > 0; k >>= 1) {
			for (let j = k % p; j + k < n; j += k + k) {
				for (let i = 0; i < k && i + j + k < n; i++) {
					if ((i + j) / (p + p) != (i + j + k) / (p + p)) continue;
					if (net != 0) {
						store<u32>(net + (<usize>count << 3), (i + j) << 4);
						store<u32>(net + (<usize>count << 3), (i + j + k) << 4, 4);
					}
					count++;
				}
			}
		}
	}
	return count;
}

/** Sorts the f32x4 vectors at v ascending, lane by lane, with a network from buildNetwork. pmin/pmax
 * are exact selections (b < a ? b : a), so the lanes end up holding the same values, reordered (the
 * sign of equal zeros aside). */
export function sortNetwork(v: usize, net: usize, comparators: i32): void {
	const end = net + (<usize>comparators << 3);
	for (let c = net; c < end; c += 8) {
		const a = v + <usize>load<u32>(c);
		const b = v + <usize>load<u32>(c, 4);
		const x = v128.load(a);
		const y = v128.load(b);
		v128.store(a, f32x4.pmin(x, y));
		v128.store(b, f32x4.pmax(x, y));
	}
}
