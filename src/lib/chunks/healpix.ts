/**
 * HEALPix in the RING scheme (Górski et al. 2005, ApJ 622, 759; the formulas of the reference
 * C library's ang2pix_ring / pix2ang_ring). Pixels are numbered ring by ring from the north pole,
 * 0 .. 12·nside² - 1, all of equal area.
 */

/** The original CrowdSky's sky index: NSIDE 128, about 0.46° pixels (196,608 of them). */
export const HEALPIX_NSIDE = 128;

// 12·nside² must stay an exact integer in a double.
const MAX_NSIDE = 2 ** 24;
const DEG = Math.PI / 180;

function checkNside(nside: number): void {
	if (!Number.isInteger(nside) || nside < 1 || nside > MAX_NSIDE) {
		throw new RangeError(`HEALPix nside ${nside} is not supported; use an integer from 1 to ${MAX_NSIDE} (e.g. 128)`);
	}
}

/** The RING pixel holding (RA, Dec) in degrees; RA wraps (360 = 0), Dec must be in [-90, 90]. */
export function healpixRing(nside: number, raDeg: number, decDeg: number): number {
	checkNside(nside);
	if (!Number.isFinite(raDeg) || !Number.isFinite(decDeg) || decDeg < -90 || decDeg > 90) {
		throw new RangeError(`(RA ${raDeg}, Dec ${decDeg}) is not a sky position: RA must be finite, Dec in [-90, 90]`);
	}
	let ra = raDeg % 360;
	if (ra < 0) ra += 360;
	const tt = ra / 90; // in [0, 4], 4 only by rounding: ip is taken modulo the ring length below
	const z = Math.sin(decDeg * DEG);
	const za = Math.abs(z);
	if (za <= 2 / 3) {
		// Equatorial belt: the pixel lies between an ascending (jp) and a descending (jm) edge line.
		const temp1 = nside * (0.5 + tt);
		const temp2 = nside * z * 0.75;
		const jp = Math.floor(temp1 - temp2);
		const jm = Math.floor(temp1 + temp2);
		const ir = nside + 1 + jp - jm; // ring counted from z = 2/3, in 1 .. 2·nside + 1
		const kshift = 1 - (ir & 1);
		const ip = mod(Math.floor((jp + jm - nside + kshift + 1) / 2), 4 * nside);
		return 2 * nside * (nside - 1) + (ir - 1) * 4 * nside + ip;
	}
	// Polar caps. 1 - |z| = 2 sin²(θ/2), θ the distance to the nearer pole: exact where 1 - |z| cancels.
	const tp = tt - Math.floor(tt);
	const half = ((90 - Math.abs(decDeg)) * DEG) / 2;
	const tmp = nside * Math.sqrt(6) * Math.sin(half);
	const jp = Math.floor(tp * tmp);
	const jm = Math.floor((1 - tp) * tmp);
	const ir = jp + jm + 1; // ring counted from the nearer pole
	const ip = mod(Math.floor(tt * ir), 4 * ir);
	return z > 0 ? 2 * ir * (ir - 1) + ip : 12 * nside * nside - 2 * ir * (ir + 1) + ip;
}

/** The centre of RING pixel `pix`, in degrees (RA in [0, 360)). */
export function healpixRingCentre(nside: number, pix: number): { ra: number; dec: number } {
	checkNside(nside);
	const npix = 12 * nside * nside;
	if (!Number.isInteger(pix) || pix < 0 || pix >= npix) {
		throw new RangeError(`HEALPix pixel ${pix} does not exist at nside ${nside}; pixels are 0 to ${npix - 1}`);
	}
	const ncap = 2 * nside * (nside - 1);
	let z: number;
	let phi: number; // in units of 90°
	if (pix < ncap) {
		const ring = Math.floor((1 + isqrt(1 + 2 * pix)) / 2);
		const iphi = pix + 1 - 2 * ring * (ring - 1);
		z = 1 - (ring * ring) / (3 * nside * nside);
		phi = (iphi - 0.5) / ring;
	} else if (pix < npix - ncap) {
		const ip = pix - ncap;
		const ring = Math.floor(ip / (4 * nside)) + nside;
		const iphi = (ip % (4 * nside)) + 1;
		const fodd = (ring + nside) & 1 ? 1 : 0.5;
		z = ((2 * nside - ring) * 2) / (3 * nside);
		phi = (iphi - fodd) / nside;
	} else {
		const ip = npix - pix;
		const ring = Math.floor((1 + isqrt(2 * ip - 1)) / 2);
		const iphi = 4 * ring + 1 - (ip - 2 * ring * (ring - 1));
		z = (ring * ring) / (3 * nside * nside) - 1;
		phi = (iphi - 0.5) / ring;
	}
	return { ra: phi * 90, dec: Math.asin(z) / DEG };
}

function mod(a: number, n: number): number {
	const r = a % n;
	return r < 0 ? r + n : r;
}

function isqrt(n: number): number {
	let r = Math.floor(Math.sqrt(n));
	while (r * r > n) r--;
	while ((r + 1) * (r + 1) <= n) r++;
	return r;
}
