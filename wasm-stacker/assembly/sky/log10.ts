// log10 of n values with AssemblyScript's own Math (compiled in), so magnitudes and zero points
// are the same bits in every host: JS Math.log10 differs in the last bit between engines.

/** dst[i] = log10(src[i]), f64; dst may be src. */
export function log10(src: usize, dst: usize, n: i32): void {
	for (let i = 0; i < n; i++) {
		const at = <usize>i << 3;
		store<f64>(dst + at, Math.log10(load<f64>(src + at)));
	}
}
