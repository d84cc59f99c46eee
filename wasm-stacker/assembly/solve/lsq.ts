// Polynomial least squares for the WCS fit: ξ and η (arcsec on the tangent plane) of matched
// catalogue stars as polynomials of order N in the matched stars' (u, v) = pixel offsets from
// CRPIX / NORM. Order 1 is TAN with any CD; orders 2 and 3 add SIP terms. Normal equations solved
// by Gaussian elimination with partial pivoting, in a fixed order (deterministic).

/** A match: det rank (i32), catalogue index (i32), u, v (f64, / NORM), ξ, η (arcsec), residual (arcsec). */
export const PAIR_BYTES: usize = 48;
/** Terms of the highest order (3): 1, u, v, u², uv, v², u³, u²v, uv², v³. */
export const MAX_TERMS: i32 = 10;
/** Coefficients: MAX_TERMS for ξ, then MAX_TERMS for η. */
export const COEF_BYTES: usize = <usize>MAX_TERMS * 16;
export const LSQ_SCRATCH_BYTES: usize = <usize>(MAX_TERMS * (MAX_TERMS + 2) + MAX_TERMS) * 8;

export function termCount(order: i32): i32 {
	return ((order + 1) * (order + 2)) >> 1;
}

/** Exponent of u of term t: terms go by total order o, then by the power of v (0..o). */
export function termP(t: i32): i32 {
	let o = 0;
	while (((o + 1) * (o + 2)) >> 1 <= t) o++;
	return o - (t - ((o * (o + 1)) >> 1));
}

export function termQ(t: i32): i32 {
	let o = 0;
	while (((o + 1) * (o + 2)) >> 1 <= t) o++;
	return t - ((o * (o + 1)) >> 1);
}

/** The monomials u^p v^q of the terms of `order` at m. */
function monomials(u: f64, v: f64, order: i32, m: usize): void {
	let t = 0;
	for (let o = 0; o <= order; o++) {
		for (let q = 0; q <= o; q++) {
			let value = 1.0;
			for (let k = 0; k < o - q; k++) value *= u;
			for (let k = 0; k < q; k++) value *= v;
			store<f64>(m + (<usize>t << 3), value);
			t++;
		}
	}
}

/** ξ (axis 0) or η (axis 1) of the model coef (order) at (u, v); mono: MAX_TERMS f64 of scratch. */
export function evaluate(coef: usize, order: i32, axis: i32, u: f64, v: f64, mono: usize): f64 {
	monomials(u, v, order, mono);
	const c = coef + <usize>axis * <usize>MAX_TERMS * 8;
	let sum = 0.0;
	for (let t = 0; t < termCount(order); t++) sum += load<f64>(c + (<usize>t << 3)) * load<f64>(mono + (<usize>t << 3));
	return sum;
}

/** The squared residual (arcsec²) of the model coef (order) on the pair at e: what the residual
 * sum and each match's residual are made of. mono: MAX_TERMS f64 of scratch. */
export function pairResidual2(coef: usize, order: i32, e: usize, mono: usize): f64 {
	const u = load<f64>(e, 8);
	const v = load<f64>(e, 16);
	const dx = evaluate(coef, order, 0, u, v, mono) - load<f64>(e, 24);
	const dy = evaluate(coef, order, 1, u, v, mono) - load<f64>(e, 32);
	return dx * dx + dy * dy;
}

/**
 * Least-squares fit of order `order` over the n pairs: coefficients at coef (zero beyond the
 * order's terms). scratch: LSQ_SCRATCH_BYTES. Returns the residual sum of squares (arcsec²), or -1
 * when the normal equations are singular.
 */
export function fitPolynomial(pairs: usize, n: i32, order: i32, scratch: usize, coef: usize): f64 {
	const T = termCount(order);
	const cols = T + 2;
	const mat = scratch;
	const mono = scratch + <usize>(MAX_TERMS * (MAX_TERMS + 2)) * 8;
	memory.fill(mat, 0, <usize>(T * cols) << 3);
	for (let k = 0; k < n; k++) {
		const e = pairs + <usize>k * PAIR_BYTES;
		monomials(load<f64>(e, 8), load<f64>(e, 16), order, mono);
		const xi = load<f64>(e, 24);
		const eta = load<f64>(e, 32);
		for (let r = 0; r < T; r++) {
			const mr = load<f64>(mono + (<usize>r << 3));
			const row = mat + <usize>(r * cols) * 8;
			for (let c = 0; c < T; c++) store<f64>(row + (<usize>c << 3), load<f64>(row + (<usize>c << 3)) + mr * load<f64>(mono + (<usize>c << 3)));
			store<f64>(row + (<usize>T << 3), load<f64>(row + (<usize>T << 3)) + mr * xi);
			store<f64>(row + (<usize>(T + 1) << 3), load<f64>(row + (<usize>(T + 1) << 3)) + mr * eta);
		}
	}
	let scale = 0.0;
	for (let r = 0; r < T; r++) scale = Math.max(scale, Math.abs(load<f64>(mat + <usize>(r * cols + r) * 8)));
	for (let c = 0; c < T; c++) {
		let pivot = c;
		for (let r = c + 1; r < T; r++) {
			if (Math.abs(load<f64>(mat + <usize>(r * cols + c) * 8)) > Math.abs(load<f64>(mat + <usize>(pivot * cols + c) * 8))) pivot = r;
		}
		const pv = load<f64>(mat + <usize>(pivot * cols + c) * 8);
		if (!(Math.abs(pv) > 1e-12 * scale)) return -1.0;
		if (pivot != c) {
			for (let k = 0; k < cols; k++) {
				const a = mat + <usize>(c * cols + k) * 8;
				const b = mat + <usize>(pivot * cols + k) * 8;
				const t = load<f64>(a);
				store<f64>(a, load<f64>(b));
				store<f64>(b, t);
			}
		}
		for (let r = c + 1; r < T; r++) {
			const f = load<f64>(mat + <usize>(r * cols + c) * 8) / pv;
			if (f == 0) continue;
			for (let k = c; k < cols; k++) {
				const a = mat + <usize>(r * cols + k) * 8;
				store<f64>(a, load<f64>(a) - f * load<f64>(mat + <usize>(c * cols + k) * 8));
			}
		}
	}
	memory.fill(coef, 0, COEF_BYTES);
	for (let axis = 0; axis < 2; axis++) {
		const out = coef + <usize>axis * <usize>MAX_TERMS * 8;
		for (let r = T - 1; r >= 0; r--) {
			let s = load<f64>(mat + <usize>(r * cols + T + axis) * 8);
			for (let c = r + 1; c < T; c++) s -= load<f64>(mat + <usize>(r * cols + c) * 8) * load<f64>(out + (<usize>c << 3));
			store<f64>(out + (<usize>r << 3), s / load<f64>(mat + <usize>(r * cols + r) * 8));
		}
	}
	let rss = 0.0;
	for (let k = 0; k < n; k++) rss += pairResidual2(coef, order, pairs + <usize>k * PAIR_BYTES, mono);
	return rss;
}
