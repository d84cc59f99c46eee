/** MAD -> sigma for a normal distribution. */
const MAD_TO_SIGMA = 1.4826;
const CLIP_SIGMA = 3;
const CLIP_ROUNDS = 4;

/**
 * Median and robust sigma of `values` after clipping at 3 σ around the median, a few rounds: a
 * star's pixels in a sky tile leave the sky's level. Reorders `values` and uses `scratch` (at
 * least as long) for the deviations, so a caller reuses both buffers across tiles. Selection, not
 * sorting: linear time per round.
 */
export function clippedMedian(values: Float32Array, scratch: Float32Array): { median: number; sigma: number } {
	let n = values.length;
	let median = 0;
	let sigma = 0;
	for (let round = 0; round < CLIP_ROUNDS && n > 0; round++) {
		median = medianOf(values, n);
		for (let i = 0; i < n; i++) scratch[i] = Math.abs(values[i] - median);
		sigma = MAD_TO_SIGMA * medianOf(scratch, n);
		const lo = median - CLIP_SIGMA * sigma;
		const hi = median + CLIP_SIGMA * sigma;
		let kept = 0;
		for (let i = 0; i < n; i++) {
			const v = values[i];
			if (v >= lo && v <= hi) values[kept++] = v;
		}
		if (kept === n) break;
		n = kept;
	}
	return { median, sigma };
}

/** The median of a[0, n), reordering it. */
function medianOf(a: Float32Array, n: number): number {
	const k = n >> 1;
	const upper = select(a, n, k);
	if (n % 2) return upper;
	let lower = -Infinity; // the largest of the k values select left below position k
	for (let i = 0; i < k; i++) if (a[i] > lower) lower = a[i];
	return (lower + upper) / 2;
}

/** Hoare's selection: the k-th smallest of a[0, n), with a[0, k) ≤ it ≤ a(k, n) afterwards. */
function select(a: Float32Array, n: number, k: number): number {
	let left = 0;
	let right = n - 1;
	while (right > left) {
		const pivot = a[(left + right) >> 1];
		let i = left;
		let j = right;
		while (i <= j) {
			while (a[i] < pivot) i++;
			while (a[j] > pivot) j--;
			if (i <= j) {
				const t = a[i];
				a[i] = a[j];
				a[j] = t;
				i++;
				j--;
			}
		}
		if (k <= j) right = j;
		else if (k >= i) left = i;
		else break;
	}
	return a[k];
}
