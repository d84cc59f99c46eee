import { stackStorage } from '$lib/server/storage';
import { concatBytes } from '$lib/util/bytes';

/** A whole stored stack object in memory (a report, or a FITS for the preview or a check). */
export async function storedBytes(path: string): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of await stackStorage().read(path)) chunks.push(chunk as Uint8Array);
	return concatBytes(chunks);
}
