/** The catalogue read from a directory (`static/catalog/` of a checkout) by `node runner.js`. Node only. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATALOG_INDEX_FILE, parseCatalogIndex, tilePath, type CatalogSource } from './source';

export function diskCatalogSource(dir: string): CatalogSource {
	return {
		async index() {
			return parseCatalogIndex(JSON.parse(await readFile(join(dir, CATALOG_INDEX_FILE), 'utf8')));
		},
		async tileBytes(pixel) {
			try {
				return new Uint8Array(await readFile(join(dir, tilePath(pixel))));
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
				throw error;
			}
		}
	};
}
