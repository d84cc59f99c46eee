/** The catalogue stars of known B−V inside a plate-solved image, where its WCS puts them. */
import type { ColourStar } from '../picture/types';
import { pixelToSky, pixelScale, skyToPixel, type Wcs } from '../wcs';
import { coneSearch } from './cone';
import type { CatalogSource } from './source';

/** Stars within this many pixels of the edge are left out: their apertures would not fit. */
const EDGE_PX = 2;

export async function fieldColourStars(source: CatalogSource, wcs: Wcs, width: number, height: number): Promise<ColourStar[]> {
	const centre = pixelToSky(wcs, (width + 1) / 2, (height + 1) / 2);
	// The half-diagonal plus a tenth for distortion: the cone reaches every corner.
	const radius = (1.1 * Math.hypot(width, height) * pixelScale(wcs)) / 2 / 3600;
	const stars: ColourStar[] = [];
	for (const star of await coneSearch(source, centre.ra, centre.dec, radius)) {
		if (star.bv === null) continue;
		const p = skyToPixel(wcs, star.ra, star.dec);
		if (!p) continue;
		const [x, y] = [p.x - 1, p.y - 1];
		if (x >= EDGE_PX && y >= EDGE_PX && x < width - EDGE_PX && y < height - EDGE_PX) stars.push({ x, y, bv: star.bv });
	}
	return stars;
}
