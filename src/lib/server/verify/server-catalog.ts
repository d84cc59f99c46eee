import { resolve } from 'node:path';
import type { CatalogSource } from '$lib/catalog';
import { diskCatalogSource } from '$lib/catalog/disk-source';

let catalog: CatalogSource | undefined;

/**
 * The catalogue tiles this server serves to workers at /catalog/, read from the checkout's
 * static/catalog (the bundled server runs from the checkout, as the kernel pool's worker does):
 * what the spot check rebuilds a worker's solution with and what the server solves files with.
 */
export function serverCatalog(): CatalogSource {
	catalog ??= diskCatalogSource(resolve(process.cwd(), 'static/catalog'));
	return catalog;
}
