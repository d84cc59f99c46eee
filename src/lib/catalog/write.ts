/** `npm run catalog`: reads an index file and replaces the tiles of a catalogue directory. Node only. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildCatalog, catalogIndexText } from './build';
import { readIndexStars } from './index-file';
import { CATALOG_INDEX_FILE, tilePath } from './source';

/** Where Debian's astrometry-data-tycho2-08-littleendian puts index 4108. */
export const DEFAULT_INDEX_FILE = '/usr/share/astrometry/index-tycho2-08.littleendian.fits';

export async function buildFromFile(file: string) {
	const stars = readIndexStars(new Uint8Array(await readFile(file)));
	return buildCatalog(stars, `${basename(file)} (astrometry.net index 4108, Tycho-2)`);
}

export async function writeCatalog(file: string, dir: string): Promise<{ stars: number; tiles: number; bytes: number }> {
	const { index, tiles } = await buildFromFile(file);
	await rm(join(dir, 'tiles'), { recursive: true, force: true });
	await mkdir(join(dir, 'tiles'), { recursive: true });
	let bytes = 0;
	for (const [pixel, tile] of tiles) {
		await writeFile(join(dir, tilePath(pixel)), tile);
		bytes += tile.length;
	}
	const text = catalogIndexText(index);
	await writeFile(join(dir, CATALOG_INDEX_FILE), text);
	return { stars: index.stars, tiles: tiles.size, bytes: bytes + text.length };
}
