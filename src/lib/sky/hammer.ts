/**
 * The Hammer (Hammer–Aitoff) equal-area all-sky projection, drawn as astronomers draw the sky:
 * RA 0 at the centre and RA increasing to the LEFT (east is left when looking up), Dec up.
 * Chosen over Aitoff for its closed-form inverse, which turns a dragged rectangle back into RA/Dec.
 *
 * Plane coordinates: x in [-2√2, 2√2] (positive to the right), y in [-√2, √2] (positive up).
 */

const DEG = Math.PI / 180;
const SQRT2 = Math.SQRT2;

/** Half-width and half-height of the projected ellipse in plane units. */
export const HALF_WIDTH = 2 * SQRT2;
export const HALF_HEIGHT = SQRT2;

export interface PlanePoint {
	x: number;
	y: number;
}

export interface SkyPoint {
	/** Right ascension in degrees, [0, 360). */
	ra: number;
	/** Declination in degrees, [-90, 90]. */
	dec: number;
}

/** RA in any range → [0, 360). */
export function normalizeRa(ra: number): number {
	const r = ra % 360;
	return r < 0 ? r + 360 : r;
}

/** RA → longitude in radians on the map, (-π, π]: RA increases to the left, so λ = -RA. */
function longitude(ra: number): number {
	let lon = 0 - normalizeRa(ra); // not -x: RA 0 must give +0
	if (lon <= -180) lon += 360;
	return lon * DEG;
}

/** Projects RA/Dec (degrees) onto the plane. RA 180 is both edges; it is drawn on the right (λ = π), RA 180 + ε on the right, 180 − ε on the left. */
export function project(ra: number, dec: number): PlanePoint {
	if (!Number.isFinite(ra) || !Number.isFinite(dec) || dec < -90 || dec > 90) {
		throw new RangeError(`project: RA ${ra}, Dec ${dec} is not a sky position (Dec must be within [-90, 90])`);
	}
	const lam = longitude(ra);
	const phi = dec * DEG;
	const d = Math.sqrt(1 + Math.cos(phi) * Math.cos(lam / 2));
	return { x: (2 * SQRT2 * Math.cos(phi) * Math.sin(lam / 2)) / d, y: (SQRT2 * Math.sin(phi)) / d };
}

/** True when the plane point lies on or inside the map's ellipse. */
export function insideEllipse(x: number, y: number): boolean {
	return (x / HALF_WIDTH) ** 2 + (y / HALF_HEIGHT) ** 2 <= 1 + 1e-12;
}

/** Plane point → RA/Dec in degrees, or null outside the ellipse. */
export function unproject(x: number, y: number): SkyPoint | null {
	if (!insideEllipse(x, y)) return null;
	const z = Math.sqrt(Math.max(0, 1 - (x / 4) ** 2 - (y / 2) ** 2));
	// Clamped: on the outline rounding can carry λ a hair past ±π, onto the other edge.
	const lam = Math.max(-Math.PI, Math.min(Math.PI, 2 * Math.atan2(z * x, 2 * (2 * z * z - 1))));
	const dec = Math.asin(Math.max(-1, Math.min(1, z * y))) / DEG;
	return { ra: normalizeRa(-lam / DEG), dec };
}
