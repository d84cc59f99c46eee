import type { CatalogStar } from '../catalog';
import type { Point } from '../stacking/match';
import { defaultLonpole, skyToTan, type SkyPosition } from '../wcs';

/** -1: east to the left as on the sky seen from inside (det CD < 0, 'normal'); +1: mirrored ('flipped'). */
export type XSign = -1 | 1;

/**
 * Catalogue stars on the pixel grid a width x height image of `scale` ″/px would show, centred on
 * `centre` with north up: TAN at `centre`, x = sign·ξ/scale, y = η/scale, 0-based pixels. A
 * brighter star gets a larger flux so the matcher takes the brightest as control points.
 */
export function projectCatalog(stars: readonly CatalogStar[], centre: SkyPosition, scale: number, width: number, height: number, sign: XSign): Point[] {
	const tangent = { ra0: centre.ra, dec0: centre.dec, lonpole: defaultLonpole(centre.dec) };
	const perDeg = 3600 / scale;
	const out: Point[] = [];
	for (const star of stars) {
		const t = skyToTan(tangent, star.ra, star.dec);
		// The cone is far smaller than a hemisphere, so every star projects; keep the guard for types.
		out.push(
			t
				? { x: (width - 1) / 2 + sign * t.x * perDeg, y: (height - 1) / 2 + t.y * perDeg, flux: 10 ** (-0.4 * star.vt) }
				: { x: NaN, y: NaN, flux: 0 }
		);
	}
	return out;
}
