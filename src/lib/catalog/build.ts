/** The tiles and `index.json` of a catalogue built from an index file's stars. Same input, same bytes. */
import type { IndexStars } from './index-file';
import type { CatalogIndex } from './source';
import { encodeTile } from './tile-format';
import { CATALOG_NSIDE, tileOf } from './tiling';
import type { CatalogStar } from './types';

export interface BuiltCatalog {
	index: CatalogIndex;
	/** Encoded tile per RING pixel, in pixel order. */
	tiles: Map<number, Uint8Array>;
}

export function buildCatalog(stars: IndexStars, source: string, nside = CATALOG_NSIDE): BuiltCatalog {
	const byPixel = new Map<number, CatalogStar[]>();
	for (let row = 0; row < stars.count; row++) {
		const star = { ra: stars.ra[row], dec: stars.dec[row], vt: stars.vt[row], row };
		const pixel = tileOf(star.ra, star.dec, nside);
		const list = byPixel.get(pixel);
		if (list) list.push(star);
		else byPixel.set(pixel, [star]);
	}
	const tiles = new Map<number, Uint8Array>();
	const counts: Record<string, number> = {};
	for (const pixel of [...byPixel.keys()].sort((a, b) => a - b)) {
		const list = byPixel.get(pixel)!;
		tiles.set(pixel, encodeTile({ nside, pixel, stars: list }));
		counts[pixel] = list.length;
	}
	return { index: { format: 'crowdsky-catalog-tiles', version: 1, nside, source, stars: stars.count, tiles: counts }, tiles };
}

/** index.json's text: tab-indented with a final newline, so a rebuild diffs line by line. */
export function catalogIndexText(index: CatalogIndex): string {
	return `${JSON.stringify(index, null, '\t')}\n`;
}
