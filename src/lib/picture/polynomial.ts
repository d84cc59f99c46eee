/**
 * A smooth 2-D surface: a polynomial of total degree `DEGREE` in x, y scaled to [-1, 1]. Degree 2
 * follows light-pollution gradients and vignetting; more terms start to bend into a galaxy's halo.
 */
export const DEGREE = 2;
/** Terms of the polynomial: (DEGREE + 1)(DEGREE + 2) / 2. */
export const TERMS = ((DEGREE + 1) * (DEGREE + 2)) / 2;

/** Writes the terms x^i y^j (i + j <= DEGREE) at (x, y) into `out`, in a fixed order. */
export function terms(x: number, y: number, out: Float64Array): void {
	let k = 0;
	let yj = 1;
	for (let j = 0; j <= DEGREE; j++) {
		let xi = yj;
		for (let i = 0; i + j <= DEGREE; i++) {
			out[k++] = xi;
			xi *= x;
		}
		yj *= y;
	}
}

/** Least-squares coefficients for values v at points (x, y), the chosen ones only; null when singular. */
export function fitSurface(x: Float64Array, y: Float64Array, v: Float64Array, use: Uint8Array): Float64Array | null {
	const a = new Float64Array(TERMS * TERMS);
	const rhs = new Float64Array(TERMS);
	const t = new Float64Array(TERMS);
	for (let p = 0; p < v.length; p++) {
		if (!use[p]) continue;
		terms(x[p], y[p], t);
		for (let i = 0; i < TERMS; i++) {
			rhs[i] += t[i] * v[p];
			for (let j = 0; j < TERMS; j++) a[i * TERMS + j] += t[i] * t[j];
		}
	}
	return solve(a, rhs);
}

/** The surface's value at (x, y). */
export function evaluate(coef: Float64Array, x: number, y: number, scratch: Float64Array): number {
	terms(x, y, scratch);
	let sum = 0;
	for (let i = 0; i < TERMS; i++) sum += coef[i] * scratch[i];
	return sum;
}

/** The surface along row y as a polynomial in x: out[i] is the coefficient of x^i. */
export function alongRow(coef: Float64Array, y: number, out: Float64Array): void {
	out.fill(0);
	let k = 0;
	let yj = 1;
	for (let j = 0; j <= DEGREE; j++) {
		for (let i = 0; i + j <= DEGREE; i++) out[i] += coef[k++] * yj;
		yj *= y;
	}
}

/** Gaussian elimination with partial pivoting on the normal equations (n × n, row-major). */
function solve(a: Float64Array, b: Float64Array): Float64Array | null {
	const n = b.length;
	for (let c = 0; c < n; c++) {
		let pivot = c;
		for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[pivot * n + c])) pivot = r;
		if (Math.abs(a[pivot * n + c]) < 1e-12) return null;
		if (pivot !== c) {
			for (let k = 0; k < n; k++) [a[c * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[c * n + k]];
			[b[c], b[pivot]] = [b[pivot], b[c]];
		}
		for (let r = c + 1; r < n; r++) {
			const f = a[r * n + c] / a[c * n + c];
			for (let k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
			b[r] -= f * b[c];
		}
	}
	const out = new Float64Array(n);
	for (let r = n - 1; r >= 0; r--) {
		let s = b[r];
		for (let k = r + 1; k < n; k++) s -= a[r * n + k] * out[k];
		out[r] = s / a[r * n + r];
	}
	return out;
}
