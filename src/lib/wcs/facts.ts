import { determinant, pixelToSky, type SkyPosition, type Wcs } from './wcs';

/** Mean pixel scale at the reference pixel, arcseconds per pixel: sqrt(|det CD|). */
export function pixelScale(wcs: Wcs): number {
	return Math.sqrt(Math.abs(determinant(wcs.cd))) * 3600;
}

/**
 * 'normal' when the image shows the sky as seen from inside the sphere, east a quarter turn
 * anticlockwise from north (det CD < 0, as with CD = diag(-s, s)); 'flipped' when mirrored.
 */
export function parity(wcs: Wcs): 'normal' | 'flipped' {
	return determinant(wcs.cd) < 0 ? 'normal' : 'flipped';
}

/**
 * Position angle of the image's +y axis at the reference pixel, degrees east of north in
 * [0, 360): 0 when up is north, 90 when up is east.
 */
export function rotation(wcs: Wcs): number {
	const angle = (Math.atan2(wcs.cd[0][1], wcs.cd[1][1]) * 180) / Math.PI;
	return angle < 0 ? angle + 360 : angle;
}

/**
 * Sky positions of the centres of the 4 corner pixels of a width x height image, in the order
 * (1, 1), (1, height), (width, height), (width, 1): the corners and order astropy's
 * `WCS.calc_footprint()` gives.
 */
export function footprint(wcs: Wcs, width: number, height: number): SkyPosition[] {
	return [
		[1, 1],
		[1, height],
		[width, height],
		[width, 1]
	].map(([x, y]) => pixelToSky(wcs, x, y));
}
