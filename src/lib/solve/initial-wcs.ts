import { invertAffine, applyAffine, type Affine } from '../stacking/match';
import { makeWcs, type SkyPosition, type Wcs } from '../wcs';
import type { XSign } from './project';

/**
 * The WCS a match implies: `transform` maps detected 0-based pixels onto the grid projectCatalog
 * drew (TAN at `centre`, `scale` ″/px, x mirrored by `sign`). The grid's centre is the tangent
 * point, so CRPIX is the image pixel the transform sends there and CD is the grid's scale times
 * the transform's linear part.
 */
export function initialWcs(transform: Affine, centre: SkyPosition, scale: number, width: number, height: number, sign: XSign): Wcs {
	const s = scale / 3600;
	const [a, b, , d, e] = transform;
	const [px, py] = applyAffine(invertAffine(transform), (width - 1) / 2, (height - 1) / 2);
	return makeWcs({
		crval: [centre.ra, centre.dec],
		crpix: [px + 1, py + 1],
		cd: [
			[sign * s * a, sign * s * b],
			[s * d, s * e]
		]
	});
}
