import { stackBandHashes } from '$lib/stacking/verify-bands';
import { refuse } from './refuse';

/** The worker's band hashes must be those of the stack it sent: the spot check compares bands with them. */
export async function checkBandHashes(stack: Uint8Array, bands: string[]): Promise<void> {
	const own = await stackBandHashes(stack);
	if (own.length !== bands.length) throw refuse(`${bands.length} band hashes sent; the stack has ${own.length} bands of 32 rows`);
	const wrong = own.findIndex((hash, i) => hash !== bands[i]);
	if (wrong >= 0) throw refuse(`the hash sent for band ${wrong} is not the hash of the stack's band ${wrong}`);
}
