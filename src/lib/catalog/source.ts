/**
 * Where tiles come from: the app's `/catalog/` (Compute tabs; the browser's cache keeps them) or
 * the same files on disk for `node runner.js` (`disk-source.ts`). Nothing comes from outside.
 */
import { decodeTile, type CatalogTile } from './tile-format';

/** `index.json` beside the tiles: the tiling and each tile's star count. */
export interface CatalogIndex {
	format: 'crowdsky-catalog-tiles';
	version: number;
	nside: number;
	source: string;
	stars: number;
	/** Stars with a B−V. */
	coloured: number;
	/** Star count per RING pixel; a pixel with no stars has no file. */
	tiles: Record<string, number>;
}

export interface CatalogSource {
	index(): Promise<CatalogIndex>;
	/** The tile's bytes, or null when the tile has no file (no stars). */
	tileBytes(pixel: number): Promise<Uint8Array | null>;
}

export const CATALOG_INDEX_FILE = 'index.json';
/** The tiles' format version (tile-format.ts): 2 added B−V. */
export const CATALOG_VERSION = 2;

/** A tile's file name under the catalogue directory. */
export function tilePath(pixel: number): string {
	return `tiles/${pixel}.bin`;
}

/** Checks an `index.json` as read from the network or disk. */
export function parseCatalogIndex(value: unknown): CatalogIndex {
	const v = value as Partial<CatalogIndex> | null;
	if (!v || typeof v !== 'object' || v.format !== 'crowdsky-catalog-tiles') throw new Error('not a CrowdSky catalogue index');
	if (v.version !== CATALOG_VERSION) throw new Error(`a catalogue of version ${v.version}; version ${CATALOG_VERSION} (with B−V) is read: rebuild with npm run catalog`);
	if (!Number.isInteger(v.nside) || typeof v.stars !== 'number' || typeof v.coloured !== 'number' || typeof v.source !== 'string' || !v.tiles || typeof v.tiles !== 'object') {
		throw new Error('the catalogue index lacks nside, stars, coloured, source or tiles');
	}
	return v as CatalogIndex;
}

export function fetchCatalogSource(baseUrl: string, fetcher: typeof fetch = fetch): CatalogSource {
	const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
	return {
		async index() {
			const res = await fetcher(`${base}${CATALOG_INDEX_FILE}`);
			if (!res.ok) throw new Error(`GET ${base}${CATALOG_INDEX_FILE}: ${res.status}`);
			return parseCatalogIndex(await res.json());
		},
		async tileBytes(pixel) {
			const res = await fetcher(`${base}${tilePath(pixel)}`);
			if (res.status === 404) return null;
			if (!res.ok) throw new Error(`GET ${base}${tilePath(pixel)}: ${res.status}`);
			return new Uint8Array(await res.arrayBuffer());
		}
	};
}

/** A decoded tile, checked to be the one asked for. */
export async function loadTile(source: CatalogSource, nside: number, pixel: number): Promise<CatalogTile | null> {
	const bytes = await source.tileBytes(pixel);
	if (!bytes) return null;
	const tile = decodeTile(bytes);
	if (tile.nside !== nside || tile.pixel !== pixel) throw new Error(`tile file ${tilePath(pixel)} holds pixel ${tile.pixel} at nside ${tile.nside}`);
	return tile;
}
