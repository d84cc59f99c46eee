// Unit vectors and the gnomonic (TAN) projection about a tangent point without trigonometry per
// star: ξ = (s·east)/(s·c), η = (s·north)/(s·c) radians, east and north the local axes at c. With
// north up this is FITS TAN at the default LONPOLE (ξ grows to the east).

export const RAD: f64 = Math.PI / 180.0;
export const DEG: f64 = 180.0 / Math.PI;
/** A tangent frame: c, east, north (3 f64 each). */
export const FRAME_BYTES: usize = 72;

/** The unit vector of (ra, dec) in degrees, at p (3 f64). */
export function unitVector(ra: f64, dec: f64, p: usize): void {
	const cd = Math.cos(dec * RAD);
	store<f64>(p, cd * Math.cos(ra * RAD));
	store<f64>(p, cd * Math.sin(ra * RAD), 8);
	store<f64>(p, Math.sin(dec * RAD), 16);
}

/** The tangent frame at unit vector (x, y, z), at f. At a pole east is taken along +y. */
export function tangentFrame(x: f64, y: f64, z: f64, f: usize): void {
	const r = Math.sqrt(x * x + y * y);
	const ex = r > 0 ? -y / r : 0.0;
	const ey = r > 0 ? x / r : 1.0;
	store<f64>(f, x);
	store<f64>(f, y, 8);
	store<f64>(f, z, 16);
	store<f64>(f, ex, 24);
	store<f64>(f, ey, 32);
	store<f64>(f, 0.0, 40);
	// north = c × east
	store<f64>(f, -z * ey, 48);
	store<f64>(f, z * ex, 56);
	store<f64>(f, x * ey - y * ex, 64);
}

/** cos of the angle between unit vector s and the frame's centre. */
// @ts-ignore: decorator
@inline export function cosToCentre(f: usize, s: usize): f64 {
	return load<f64>(s) * load<f64>(f) + load<f64>(s, 8) * load<f64>(f, 8) + load<f64>(s, 16) * load<f64>(f, 16);
}

/** (ξ, η) in radians of unit vector s at out (2 f64); false when s is 90° or more from the centre. */
export function project(f: usize, s: usize, out: usize): bool {
	const w = cosToCentre(f, s);
	if (!(w > 1e-12)) return false;
	const sx = load<f64>(s);
	const sy = load<f64>(s, 8);
	const sz = load<f64>(s, 16);
	store<f64>(out, (sx * load<f64>(f, 24) + sy * load<f64>(f, 32) + sz * load<f64>(f, 40)) / w);
	store<f64>(out, (sx * load<f64>(f, 48) + sy * load<f64>(f, 56) + sz * load<f64>(f, 64)) / w, 8);
	return true;
}

/** Moves frame f to the sky point at (ξ, η) radians of its tangent plane. */
export function recentre(f: usize, xi: f64, eta: f64): void {
	let x = load<f64>(f) + xi * load<f64>(f, 24) + eta * load<f64>(f, 48);
	let y = load<f64>(f, 8) + xi * load<f64>(f, 32) + eta * load<f64>(f, 56);
	let z = load<f64>(f, 16) + xi * load<f64>(f, 40) + eta * load<f64>(f, 64);
	const n = Math.sqrt(x * x + y * y + z * z);
	x /= n;
	y /= n;
	z /= n;
	tangentFrame(x, y, z, f);
}

/** RA of the frame's centre, degrees in [0, 360). */
export function centreRa(f: usize): f64 {
	const ra = Math.atan2(load<f64>(f, 8), load<f64>(f)) * DEG;
	// a tiny negative RA + 360 rounds to 360, which is 0
	const r = ra < 0 ? ra + 360.0 : ra;
	return r >= 360.0 ? r - 360.0 : r;
}

/** Dec of the frame's centre, degrees. */
export function centreDec(f: usize): f64 {
	const x = load<f64>(f);
	const y = load<f64>(f, 8);
	return Math.atan2(load<f64>(f, 16), Math.sqrt(x * x + y * y)) * DEG;
}
