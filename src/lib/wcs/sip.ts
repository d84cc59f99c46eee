/**
 * SIP distortion (Shupe et al. 2005): u' = u + A(u, v), v' = v + B(u, v), with (u, v) pixel
 * offsets from CRPIX. A polynomial is its order and coefficients[p][q] for u^p v^q, p + q <= order.
 */
export interface SipPolynomial {
	order: number;
	coefficients: number[][];
}

export interface Sip {
	a: SipPolynomial;
	b: SipPolynomial;
	/** The inverse polynomials from the header, when it carries them: a first guess for the inverse. */
	ap?: SipPolynomial;
	bp?: SipPolynomial;
}

export function evaluate(poly: SipPolynomial, u: number, v: number): number {
	let sum = 0;
	for (let p = 0; p <= poly.order; p++) {
		for (let q = 0; q + p <= poly.order; q++) {
			const c = poly.coefficients[p]?.[q] ?? 0;
			if (c !== 0) sum += c * u ** p * v ** q;
		}
	}
	return sum;
}

/** d/du and d/dv of the polynomial at (u, v). */
function gradient(poly: SipPolynomial, u: number, v: number): [number, number] {
	let du = 0;
	let dv = 0;
	for (let p = 0; p <= poly.order; p++) {
		for (let q = 0; q + p <= poly.order; q++) {
			const c = poly.coefficients[p]?.[q] ?? 0;
			if (c === 0) continue;
			if (p > 0) du += c * p * u ** (p - 1) * v ** q;
			if (q > 0) dv += c * q * u ** p * v ** (q - 1);
		}
	}
	return [du, dv];
}

export function distort(sip: Sip, u: number, v: number): [number, number] {
	return [u + evaluate(sip.a, u, v), v + evaluate(sip.b, u, v)];
}

const MAX_STEPS = 50;
/** Relative step size at which Newton stops: far below 1e-9 px, above double rounding (~1e-16). */
const TOLERANCE = 1e-13;

/**
 * Solves distort(u, v) = (du, dv) by Newton's method from the AP/BP guess (or from (du, dv)), so
 * the inverse is exact to the tolerance whether or not the header's AP/BP are accurate.
 * Null when it does not converge (a distortion that folds the field over there).
 */
export function undistort(sip: Sip, du: number, dv: number): [number, number] | null {
	let u = sip.ap ? du + evaluate(sip.ap, du, dv) : du;
	let v = sip.bp ? dv + evaluate(sip.bp, du, dv) : dv;
	for (let step = 0; step < MAX_STEPS; step++) {
		const [fu, fv] = distort(sip, u, v);
		const ru = fu - du;
		const rv = fv - dv;
		const [au, av] = gradient(sip.a, u, v);
		const [bu, bv] = gradient(sip.b, u, v);
		const j11 = 1 + au;
		const j12 = av;
		const j21 = bu;
		const j22 = 1 + bv;
		const det = j11 * j22 - j12 * j21;
		if (!Number.isFinite(det) || det === 0) return null;
		const su = (j22 * ru - j12 * rv) / det;
		const sv = (j11 * rv - j21 * ru) / det;
		u -= su;
		v -= sv;
		if (Math.hypot(su, sv) <= TOLERANCE * Math.max(1, Math.hypot(u, v))) return [u, v];
	}
	return null;
}
