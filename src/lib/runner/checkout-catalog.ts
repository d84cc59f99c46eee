import { fileURLToPath } from 'node:url';
import { diskCatalogSource } from '../catalog/disk-source';
import type { CatalogSource } from '../catalog';

/** The checkout's static/catalog, found from this file's place in it (src/lib/runner/), wherever the runner is started from. */
const CHECKOUT_CATALOG_DIR = fileURLToPath(new URL('../../../static/catalog', import.meta.url));

export function checkoutCatalog(): CatalogSource {
	return diskCatalogSource(CHECKOUT_CATALOG_DIR);
}
