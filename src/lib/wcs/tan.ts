/**
 * The gnomonic (TAN) projection with its spherical rotation (FITS WCS Paper II, zenithal case:
 * the reference point is the native pole, so alpha_p = crval1, delta_p = crval2). Sky positions
 * and intermediate world coordinates are in degrees. Every angle is recovered with atan2 of
 * vector parts, never asin/acos, so precision holds at the celestial pole.
 */
const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

export interface Tangent {
	/** Reference point (crval1, crval2), degrees. */
	ra0: number;
	dec0: number;
	/** Native longitude of the celestial pole, degrees (LONPOLE). */
	lonpole: number;
}

/** The default LONPOLE for a zenithal projection: 0 when crval2 is +90, else 180 (Paper II, 2.4). */
export function defaultLonpole(dec0: number): number {
	return dec0 >= 90 ? 0 : 180;
}

/** Intermediate world coordinates (x, y) in degrees to (ra, dec) in degrees, ra in [0, 360). */
export function tanToSky(t: Tangent, x: number, y: number): { ra: number; dec: number } {
	// Native spherical: phi = atan2(x, -y), and theta from R = (180/pi) cot(theta).
	const r = Math.hypot(x, y) * RAD;
	const phi = Math.atan2(x, -y);
	const cosTheta = r / Math.hypot(1, r);
	const sinTheta = 1 / Math.hypot(1, r);
	const dphi = phi - t.lonpole * RAD;
	const sinDp = Math.sin(t.dec0 * RAD);
	const cosDp = Math.cos(t.dec0 * RAD);
	const east = -cosTheta * Math.sin(dphi);
	const north = sinTheta * cosDp - cosTheta * sinDp * Math.cos(dphi);
	const up = sinTheta * sinDp + cosTheta * cosDp * Math.cos(dphi);
	return { ra: normalizeRa(t.ra0 + Math.atan2(east, north) * DEG), dec: Math.atan2(up, Math.hypot(east, north)) * DEG };
}

/** (ra, dec) in degrees to intermediate world coordinates in degrees; null on or behind the horizon. */
export function skyToTan(t: Tangent, ra: number, dec: number): { x: number; y: number } | null {
	const da = (ra - t.ra0) * RAD;
	const sinD = Math.sin(dec * RAD);
	const cosD = Math.cos(dec * RAD);
	const sinDp = Math.sin(t.dec0 * RAD);
	const cosDp = Math.cos(t.dec0 * RAD);
	// (a, b) = cos(theta) (sin, cos) of (phi - phi_p) up to sign; sinTheta as in Paper II eq. 5.
	const a = -cosD * Math.sin(da);
	const b = sinD * cosDp - cosD * sinDp * Math.cos(da);
	const sinTheta = sinD * sinDp + cosD * cosDp * Math.cos(da);
	// Exactly 90° away cos() leaves ~1e-17, not 0: treat anything that close as the horizon.
	if (!(sinTheta > 1e-12)) return null;
	const dphi = Math.atan2(a, b);
	const phi = dphi + t.lonpole * RAD;
	const cosTheta = Math.hypot(a, b);
	const r = (cosTheta / sinTheta) * DEG;
	return { x: r * Math.sin(phi), y: -r * Math.cos(phi) };
}

export function normalizeRa(ra: number): number {
	const wrapped = ra % 360;
	return wrapped < 0 ? wrapped + 360 : wrapped === 360 ? 0 : wrapped;
}
