import type { Card } from '../../src/lib/fits';
import { invertAffine, type Affine } from '../../src/lib/stacking/match';
import { PIXEL_SCALE_ARCSEC } from './model';
import type { SkyField, TanWcs } from './types';

const RAD = Math.PI / 180;

/**
 * The reference frame's TAN WCS: the field centre at the frame centre, PIXEL_SCALE_ARCSEC per
 * pixel, and a positive CD determinant (RA grows with +x when north is +y), the mirrored parity
 * the real Seestar's solved frames show. `angleDeg` turns the sky on the sensor, counter-clockwise.
 */
export function referenceWcs(field: SkyField, width: number, height: number): TanWcs {
	const s = PIXEL_SCALE_ARCSEC / 3600;
	const c = Math.cos(field.angleDeg * RAD);
	const n = Math.sin(field.angleDeg * RAD);
	return {
		crval: [field.ra, field.dec],
		crpix: [(width + 1) / 2, (height + 1) / 2],
		cd: [
			[s * c, 0 - s * n],
			[s * n, s * c]
		]
	};
}

/**
 * Frame k's WCS from its truth transform T (frame pixel -> reference pixel, 0-based): the same
 * tangent point, CRPIX where T puts the reference's CRPIX, CD = CD_ref · A. So every frame pixel
 * maps to the sky its reference pixel T(p) maps to, exactly (one tangent plane for the set).
 */
export function frameWcs(ref: TanWcs, t: Affine): TanWcs {
	const [px, py] = [ref.crpix[0] - 1, ref.crpix[1] - 1];
	const inv = invertAffine(t);
	const [[a, b], [c, d]] = ref.cd;
	return {
		crval: ref.crval,
		crpix: [inv[0] * px + inv[1] * py + inv[2] + 1, inv[3] * px + inv[4] * py + inv[5] + 1],
		cd: [
			[a * t[0] + b * t[3], a * t[1] + b * t[4]],
			[c * t[0] + d * t[3], c * t[1] + d * t[4]]
		]
	};
}

/** RA/Dec in degrees (RA in [0, 360)) of a 0-based pixel: the gnomonic deprojection (FITS TAN, LONPOLE 180). */
export function pixelToSky(w: TanWcs, x: number, y: number): [number, number] {
	const dx = x + 1 - w.crpix[0];
	const dy = y + 1 - w.crpix[1];
	const xi = (w.cd[0][0] * dx + w.cd[0][1] * dy) * RAD;
	const eta = (w.cd[1][0] * dx + w.cd[1][1] * dy) * RAD;
	const d0 = w.crval[1] * RAD;
	const den = Math.cos(d0) - eta * Math.sin(d0);
	const ra = w.crval[0] + Math.atan2(xi, den) / RAD;
	const dec = Math.atan2(eta * Math.cos(d0) + Math.sin(d0), Math.hypot(xi, den)) / RAD;
	return [((ra % 360) + 360) % 360, dec];
}

/** The WCS as FITS cards (CD matrix, no distortion), in the order a solver appends them. */
export function wcsCards(w: TanWcs): Card[] {
	return [
		{ key: 'CTYPE1', value: 'RA---TAN', comment: 'gnomonic projection, true synthetic sky' },
		{ key: 'CTYPE2', value: 'DEC--TAN', comment: 'gnomonic projection, true synthetic sky' },
		{ key: 'CRVAL1', value: w.crval[0], comment: 'RA of the reference point, degrees' },
		{ key: 'CRVAL2', value: w.crval[1], comment: 'Dec of the reference point, degrees' },
		{ key: 'CRPIX1', value: w.crpix[0], comment: 'reference point, pixel x (1-based)' },
		{ key: 'CRPIX2', value: w.crpix[1], comment: 'reference point, pixel y (1-based)' },
		{ key: 'CD1_1', value: w.cd[0][0], comment: 'degrees per pixel' },
		{ key: 'CD1_2', value: w.cd[0][1], comment: 'degrees per pixel' },
		{ key: 'CD2_1', value: w.cd[1][0], comment: 'degrees per pixel' },
		{ key: 'CD2_2', value: w.cd[1][1], comment: 'degrees per pixel' }
	];
}
