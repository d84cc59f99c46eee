// WCSs and pixels for the kernel's pixel → sky, and values for its log10: the TS reference
// (src/lib/wcs) and Chromium are checked against the kernel on the same inputs.
import { makeWcs, type Matrix2, type Wcs } from '../../src/lib/wcs';
import type { SipPolynomial } from '../../src/lib/wcs';
import { Rng } from '../../tests/synthetic/rng';

export interface SkyCase {
	label: string;
	wcs: Wcs;
	/** x, y pairs, FITS 1-based. */
	xy: Float64Array;
}

/** A Seestar S50 frame. */
const WIDTH = 1080;
const HEIGHT = 1920;

/** CD of `arcsec` per pixel, turned by `angle` degrees, mirrored (x east to the left) unless `flip` is false. */
function cd(arcsec: number, angle: number, flip = true): Matrix2 {
	const s = arcsec / 3600;
	const c = Math.cos((angle * Math.PI) / 180);
	const n = Math.sin((angle * Math.PI) / 180);
	const m = flip ? -1 : 1;
	return [
		[m * s * c, s * n],
		[-m * s * n, s * c]
	];
}

function poly(order: number, rng: Rng, size: number): SipPolynomial {
	const coefficients = [0, 1, 2, 3].map((p) => [0, 1, 2, 3].map((q) => (p + q >= 2 && p + q <= order ? rng.uniform(-1, 1) * size ** (1 - p - q) * 2e-3 : 0)));
	return { order, coefficients };
}

/** n pixels over a width x height image (the corners, CRPIX, and uniform points). */
function pixels(rng: Rng, n: number, width: number, height: number, crpix: [number, number]): Float64Array {
	const fixed = [0.5, 0.5, width + 0.5, 0.5, 0.5, height + 0.5, width + 0.5, height + 0.5, crpix[0], crpix[1], 1, 1];
	const xy = new Float64Array(n * 2);
	xy.set(fixed);
	for (let i = fixed.length; i < xy.length; i += 2) {
		xy[i] = rng.uniform(0.5, width + 0.5);
		xy[i + 1] = rng.uniform(0.5, height + 0.5);
	}
	return xy;
}

/** Ten WCSs of `perCase` pixels each: TAN, SIP 2 and 3, at and near both poles, across RA 0, a
 * LONPOLE that is not the default, and a 16° field. */
export function skyCases(perCase: number, seed = 12): SkyCase[] {
	const rng = new Rng(seed);
	const centre: [number, number] = [(WIDTH + 1) / 2, (HEIGHT + 1) / 2];
	const make = (label: string, crval: [number, number], m: Matrix2, sipOrder = 0, lonpole?: number, size = WIDTH): SkyCase => {
		const crpix: [number, number] = size === WIDTH ? centre : [(size + 1) / 2, (size + 1) / 2];
		const sip = sipOrder ? { a: poly(sipOrder, rng, size), b: poly(sipOrder, rng, size) } : undefined;
		const wcs = makeWcs({ crval, crpix, cd: m, sip, lonpole });
		return { label, wcs, xy: pixels(rng, perCase, size === WIDTH ? WIDTH : size, size === WIDTH ? HEIGHT : size, crpix) };
	};
	return [
		make('TAN at M 94', [192.7212, 41.1205], cd(2.39, 31.7)),
		make('TAN, not mirrored', [83.82, -5.39], cd(2.39, -112, false)),
		make('SIP order 2', [316.2, 68.16], cd(2.39, 178), 2),
		make('SIP order 3', [192.7212, 41.1205], cd(2.39, 31.7), 3),
		make('near the north pole (the field holds it)', [45, 89.9], cd(2.39, 10), 3),
		make('at the north pole (LONPOLE 0)', [123.4, 90], cd(2.39, 60)),
		make('at the south pole', [10, -90], cd(2.39, -20), 2),
		make('across RA 0', [359.9, -20], cd(2.39, 90), 3),
		make('LONPOLE 150', [0.05, 12], cd(2.39, 5), 0, 150),
		make('a 16° field', [250, 60], cd(60, 45), 3, undefined, 960)
	];
}

/** n positive values: fluxes over 12 decades, values near 1, exact powers of ten, the extremes. */
export function log10Values(n: number, seed = 10): Float64Array {
	const rng = new Rng(seed);
	const fixed = [1, 10, 100, 1e22, 1e-5, 0.1, Number.MIN_VALUE, 2.2250738585072014e-308, Number.MAX_VALUE, 1 + 2 ** -52, 1 - 2 ** -53, 2, 3, Math.E];
	const v = new Float64Array(n);
	v.set(fixed);
	for (let i = fixed.length; i < n; i++) v[i] = i % 3 === 0 ? rng.uniform(0.5, 2) : 10 ** rng.uniform(-3, 9);
	return v;
}
