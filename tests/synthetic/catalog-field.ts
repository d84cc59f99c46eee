import { coneSearch, type CatalogSource, type CatalogStar } from '../../src/lib/catalog';
import { FULL_HEIGHT, FULL_WIDTH, PIXEL_SCALE_ARCSEC } from './model';
import type { SkyField } from './types';

/** Cone beyond the frame's half-diagonal, pixels: the star field's pad (30) and frame shifts up to 120 px; any turn stays inside. */
const CONE_PAD_PX = 150;

/**
 * The catalogue's stars around `field` for GenerateOptions.catalog: a cone reaching past every
 * corner of a `width` x `height` frame centred there (generateSet keeps those its frames see).
 */
export async function catalogFieldStars(source: CatalogSource, field: SkyField, width = FULL_WIDTH, height = FULL_HEIGHT): Promise<CatalogStar[]> {
	const radiusDeg = ((Math.hypot(width, height) / 2 + CONE_PAD_PX) * PIXEL_SCALE_ARCSEC) / 3600;
	const cone = await coneSearch(source, field.ra, field.dec, radiusDeg);
	return cone.map(({ ra, dec, vt, row, bv }) => ({ ra, dec, vt, row, bv }));
}
