import { WcsError } from './errors';
import { distort, undistort, type Sip } from './sip';
import { defaultLonpole, skyToTan, tanToSky } from './tan';

/** A 2x2 matrix as [[m11, m12], [m21, m22]]. */
export type Matrix2 = [[number, number], [number, number]];

/**
 * A celestial TAN (gnomonic) WCS, optionally with SIP distortion. Pixel coordinates follow FITS:
 * 1-based, (1, 1) is the centre of the first pixel of the first row stored, x along NAXIS1
 * (columns), y along NAXIS2 (rows). Sky positions are (ra, dec) in degrees in the header's
 * own frame (RADESYS): nothing here converts between frames or equinoxes.
 */
export interface Wcs {
	/** Sky position of the reference pixel (CRVAL1/2), degrees; ra in [0, 360). */
	crval: [number, number];
	/** Reference pixel (CRPIX1/2), FITS 1-based. */
	crpix: [number, number];
	/** Degrees of intermediate world coordinate per pixel (CDi_j). */
	cd: Matrix2;
	/** Native longitude of the celestial pole (LONPOLE), degrees. */
	lonpole: number;
	sip?: Sip;
}

export interface SkyPosition {
	ra: number;
	dec: number;
}

export interface PixelPosition {
	x: number;
	y: number;
}

export function determinant(m: Matrix2): number {
	return m[0][0] * m[1][1] - m[0][1] * m[1][0];
}

/** Refuses a CD matrix that is not finite or does not map pixels onto a plane (singular). */
export function checkCd(cd: Matrix2): void {
	const flat = cd.flat();
	if (!flat.every(Number.isFinite)) throw new WcsError(`the CD matrix [${flat.join(', ')}] holds a value that is not a finite number`);
	const scale = Math.max(...flat.map(Math.abs));
	if (scale === 0 || Math.abs(determinant(cd)) <= 1e-12 * scale * scale) {
		throw new WcsError(
			`the CD matrix [${flat.join(', ')}] is singular (determinant ${determinant(cd)}): ` +
				'it maps the image onto a line or a point, so sky positions cannot be turned back into pixels'
		);
	}
}

/** A WCS from its parts, with the default LONPOLE unless one is given. */
export function makeWcs(parts: Omit<Wcs, 'lonpole'> & { lonpole?: number }): Wcs {
	checkCd(parts.cd);
	return { ...parts, lonpole: parts.lonpole ?? defaultLonpole(parts.crval[1]) };
}

const tangent = (wcs: Wcs) => ({ ra0: wcs.crval[0], dec0: wcs.crval[1], lonpole: wcs.lonpole });

/** The sky position of FITS pixel (x, y), 1-based. */
export function pixelToSky(wcs: Wcs, x: number, y: number): SkyPosition {
	let u = x - wcs.crpix[0];
	let v = y - wcs.crpix[1];
	if (wcs.sip) [u, v] = distort(wcs.sip, u, v);
	const { cd } = wcs;
	return tanToSky(tangent(wcs), cd[0][0] * u + cd[0][1] * v, cd[1][0] * u + cd[1][1] * v);
}

/**
 * The FITS pixel (1-based) at (ra, dec) in degrees; null for a position 90° or more from the
 * reference point (TAN cannot show it) or where the SIP distortion cannot be inverted.
 */
export function skyToPixel(wcs: Wcs, ra: number, dec: number): PixelPosition | null {
	const plane = skyToTan(tangent(wcs), ra, dec);
	if (!plane) return null;
	const { cd } = wcs;
	const det = determinant(cd);
	let u = (cd[1][1] * plane.x - cd[0][1] * plane.y) / det;
	let v = (cd[0][0] * plane.y - cd[1][0] * plane.x) / det;
	if (wcs.sip) {
		const solved = undistort(wcs.sip, u, v);
		if (!solved) return null;
		[u, v] = solved;
	}
	return { x: u + wcs.crpix[0], y: v + wcs.crpix[1] };
}
