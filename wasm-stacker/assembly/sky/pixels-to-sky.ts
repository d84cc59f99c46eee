// Pixel → sky through a FITS TAN(+SIP order ≤ 3) WCS, with the solver's own tangent-plane geometry
// (solve/sphere.ts): the point is c + ξ·east + η·north, so RA and Dec come from one atan2 each.
// The numbers written into a stack file must not depend on the host's JS Math (see README).

import { FRAME_BYTES, RAD, centreDec, centreRa, recentre, tangentFrame, unitVector } from '../solve/sphere';

/** f64 of the WCS block: CRVAL1/2, CRPIX1/2 (1-based), CD1_1, CD1_2, CD2_1, CD2_2, LONPOLE, then
 * SIP A and B as [p·4 + q] for u^p v^q (zeros where there is no SIP, or above its order). */
export const WCS_FIELDS: i32 = 41;
const W_CRVAL = 0;
const W_CRPIX = 2;
const W_CD = 4;
const W_LONPOLE = 8;
const W_SIP_A = 9;
const W_SIP_B = 25;

const centre = memory.data(<i32>FRAME_BYTES, 16);
const point = memory.data(<i32>FRAME_BYTES, 16);
const upow = memory.data(32, 16);
const vpow = memory.data(32, 16);

// @ts-ignore: decorator
@inline function field(wcs: usize, k: i32): f64 {
	return load<f64>(wcs + (<usize>k << 3));
}

/** Σ c[p·4 + q] u^p v^q over p + q ≤ 3, p then q ascending (the powers are at upow, vpow). */
function sip(wcs: usize, at: i32): f64 {
	let sum = 0.0;
	for (let p = 0; p <= 3; p++) {
		for (let q = 0; q + p <= 3; q++) {
			sum += field(wcs, at + p * 4 + q) * load<f64>(upow + (<usize>p << 3)) * load<f64>(vpow + (<usize>q << 3));
		}
	}
	return sum;
}

function powers(x: f64, at: usize): void {
	store<f64>(at, 1.0);
	store<f64>(at, x, 8);
	store<f64>(at, x * x, 16);
	store<f64>(at, x * x * x, 24);
}

/** (ra, dec) in degrees, RA in [0, 360), of n FITS pixels (x, y pairs, 1-based) at xy, written as
 * pairs to out (which may be xy). The frame at CRVAL is the solver's, the limit from below at a
 * pole, i.e. LONPOLE 180; another LONPOLE turns the intermediate coordinates by its difference. */
export function pixelsToSky(wcs: usize, xy: usize, n: i32, out: usize): void {
	unitVector(field(wcs, W_CRVAL), field(wcs, W_CRVAL + 1), point);
	tangentFrame(load<f64>(point), load<f64>(point, 8), load<f64>(point, 16), centre);
	const turn = (field(wcs, W_LONPOLE) - 180.0) * RAD;
	const ct = Math.cos(turn);
	const st = Math.sin(turn);
	const cd11 = field(wcs, W_CD) * RAD;
	const cd12 = field(wcs, W_CD + 1) * RAD;
	const cd21 = field(wcs, W_CD + 2) * RAD;
	const cd22 = field(wcs, W_CD + 3) * RAD;
	const crpix1 = field(wcs, W_CRPIX);
	const crpix2 = field(wcs, W_CRPIX + 1);
	for (let i = 0; i < n; i++) {
		const at = <usize>i << 4;
		const u = load<f64>(xy + at) - crpix1;
		const v = load<f64>(xy + at, 8) - crpix2;
		powers(u, upow);
		powers(v, vpow);
		const du = u + sip(wcs, W_SIP_A);
		const dv = v + sip(wcs, W_SIP_B);
		// intermediate world coordinates, radians
		const x = cd11 * du + cd12 * dv;
		const y = cd21 * du + cd22 * dv;
		memory.copy(point, centre, FRAME_BYTES);
		recentre(point, x * ct + y * st, y * ct - x * st);
		store<f64>(out + at, centreRa(point));
		store<f64>(out + at, centreDec(point), 8);
	}
}
