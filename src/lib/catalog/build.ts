/**
 * The tiles and `index.json` of a catalogue built from an index file's stars and their B−V index
 * per row (colour-match.ts, NO_COLOUR for none). Same input, same bytes.
 */
import type { IndexStars } from './index-file';
import { CATALOG_VERSION, type CatalogIndex } from './source';
import { bvOfIndex } from './stellarium/star-file';
import { encodeTile, NO_COLOUR } from './tile-format';
import { CATALOG_NSIDE, tileOf } from './tiling';
import type { CatalogStar } from './types';

export interface BuiltCatalog {
	index: CatalogIndex;
	/** Encoded tile per RING pixel, in pixel order. */
	tiles: Map<number, Uint8Array>;
}

export function buildCatalog(stars: IndexStars, colours: Uint8Array, source: string, nside = CATALOG_NSIDE): BuiltCatalog {
	if (colours.length !== stars.count) throw new RangeError(`${colours.length} colours for ${stars.count} stars`);
	const byPixel = new Map<number, CatalogStar[]>();
	let coloured = 0;
	for (let row = 0; row < stars.count; row++) {
		const bv = colours[row] === NO_COLOUR ? null : bvOfIndex(colours[row]);
		if (bv !== null) coloured++;
		const star = { ra: stars.ra[row], dec: stars.dec[row], vt: stars.vt[row], row, bv };
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
	return { index: { format: 'crowdsky-catalog-tiles', version: CATALOG_VERSION, nside, source, stars: stars.count, coloured, tiles: counts }, tiles };
}

/** index.json's text: tab-indented with a final newline, so a rebuild diffs line by line. */
export function catalogIndexText(index: CatalogIndex): string {
	return `${JSON.stringify(index, null, '\t')}\n`;
}
