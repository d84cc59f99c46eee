/** Cone search: the catalogue's stars within `radius` degrees of (ra, dec), nearest first. */
import { separationDeg } from '../chunks/pointing';
import { loadTile, type CatalogSource } from './source';
import { tilesNear } from './tiling';
import type { CatalogStar } from './types';

export interface ConeStar extends CatalogStar {
	/** Degrees from the cone's centre. */
	distance: number;
}

export async function coneSearch(source: CatalogSource, ra: number, dec: number, radius: number): Promise<ConeStar[]> {
	const { nside } = await source.index();
	const tiles = await Promise.all(tilesNear(ra, dec, radius, nside).map((pixel) => loadTile(source, nside, pixel)));
	const found: ConeStar[] = [];
	for (const tile of tiles) {
		for (const star of tile?.stars ?? []) {
			const distance = separationDeg(ra, dec, star.ra, star.dec);
			if (distance <= radius) found.push({ ...star, distance });
		}
	}
	return found.sort((a, b) => a.distance - b.distance || a.row - b.row);
}
