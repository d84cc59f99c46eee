/**
 * `npm run catalog`: reads an index file and Stellarium's star files (for B−V) and replaces the
 * tiles of a catalogue directory. Node only.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildCatalog, catalogIndexText } from './build';
import { matchColours } from './colour-match';
import { readIndexStars } from './index-file';
import { readStellariumStars } from './stellarium/star-file';
import { CATALOG_INDEX_FILE, tilePath } from './source';

/** Where Debian's astrometry-data-tycho2-08-littleendian puts index 4108. */
export const DEFAULT_INDEX_FILE = '/usr/share/astrometry/index-tycho2-08.littleendian.fits';

/** Where Debian's stellarium-data puts its star files; these four hold every star to V 10.5 with B−V. */
export const DEFAULT_STELLARIUM_DIR = '/usr/share/stellarium/stars/default';
export const STELLARIUM_FILES = ['stars_0_0v0_8.cat', 'stars_1_0v0_8.cat', 'stars_2_0v0_8.cat', 'stars_3_1v0_4.cat'];

export async function buildFromFile(file: string, stellariumDir = DEFAULT_STELLARIUM_DIR) {
	const stars = readIndexStars(new Uint8Array(await readFile(file)));
	const files = await Promise.all(STELLARIUM_FILES.map(async (name) => readStellariumStars(new Uint8Array(await readFile(join(stellariumDir, name))))));
	const source = `${basename(file)} (astrometry.net index 4108, Tycho-2); B−V from Stellarium's ${STELLARIUM_FILES.join(', ')}`;
	return buildCatalog(stars, matchColours(stars, files), source);
}

export async function writeCatalog(file: string, dir: string, stellariumDir?: string): Promise<{ stars: number; coloured: number; tiles: number; bytes: number }> {
	const { index, tiles } = await buildFromFile(file, stellariumDir);
	await rm(join(dir, 'tiles'), { recursive: true, force: true });
	await mkdir(join(dir, 'tiles'), { recursive: true });
	let bytes = 0;
	for (const [pixel, tile] of tiles) {
		await writeFile(join(dir, tilePath(pixel)), tile);
		bytes += tile.length;
	}
	const text = catalogIndexText(index);
	await writeFile(join(dir, CATALOG_INDEX_FILE), text);
	return { stars: index.stars, coloured: index.coloured, tiles: tiles.size, bytes: bytes + text.length };
}
