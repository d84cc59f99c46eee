import type { Affine } from './types';

export function applyAffine(t: Affine, x: number, y: number): [number, number] {
	return [t[0] * x + t[1] * y + t[2], t[3] * x + t[4] * y + t[5]];
}

/** The inverse map; throws RangeError when the linear part is singular. */
export function invertAffine(t: Affine): Affine {
	const [a, b, c, d, e, f] = t;
	const det = a * e - b * d;
	if (!(Math.abs(det) > 0) || !Number.isFinite(det)) {
		throw new RangeError(`invertAffine: transform [${t.join(', ')}] is singular (determinant ${det})`);
	}
	const ia = e / det;
	const ib = -b / det;
	const id = -d / det;
	const ie = a / det;
	return [ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f)];
}

/** `outer ∘ inner`: first `inner`, then `outer`. */
export function composeAffine(outer: Affine, inner: Affine): Affine {
	const [a, b, c, d, e, f] = outer;
	const [p, q, r, s, t, u] = inner;
	return [a * p + b * s, a * q + b * t, a * r + b * u + c, d * p + e * s, d * q + e * t, d * r + e * u + f];
}
