import { invertAffine, type Affine } from '../../src/lib/stacking/match';
import { makeWcs, type Wcs } from '../../src/lib/wcs';
import { PIXEL_SCALE_ARCSEC } from './model';
import type { SkyField } from './types';

const RAD = Math.PI / 180;

/**
 * The reference frame's TAN WCS: the field centre at the frame centre, PIXEL_SCALE_ARCSEC per
 * pixel, and a positive CD determinant (RA grows with +x when north is +y), the mirrored parity
 * the real Seestar's solved frames show. `angleDeg` turns the sky on the sensor, counter-clockwise.
 */
export function referenceWcs(field: SkyField, width: number, height: number): Wcs {
	const s = PIXEL_SCALE_ARCSEC / 3600;
	const c = Math.cos(field.angleDeg * RAD);
	const n = Math.sin(field.angleDeg * RAD);
	return makeWcs({
		crval: [field.ra, field.dec],
		crpix: [(width + 1) / 2, (height + 1) / 2],
		cd: [
			[s * c, 0 - s * n],
			[s * n, s * c]
		]
	});
}

/**
 * Frame k's WCS from its truth transform T (frame pixel -> reference pixel, 0-based): the same
 * tangent point, CRPIX where T puts the reference's CRPIX, CD = CD_ref · A. So every frame pixel
 * maps to the sky its reference pixel T(p) maps to, exactly (one tangent plane for the set).
 */
export function frameWcs(ref: Wcs, t: Affine): Wcs {
	const [px, py] = [ref.crpix[0] - 1, ref.crpix[1] - 1];
	const inv = invertAffine(t);
	const [[a, b], [c, d]] = ref.cd;
	return makeWcs({
		crval: ref.crval,
		crpix: [inv[0] * px + inv[1] * py + inv[2] + 1, inv[3] * px + inv[4] * py + inv[5] + 1],
		cd: [
			[a * t[0] + b * t[3], a * t[1] + b * t[4]],
			[c * t[0] + d * t[3], c * t[1] + d * t[4]]
		]
	});
}
