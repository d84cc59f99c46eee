import { stackStorage } from '$lib/server/storage';

/** A whole stored stack object in memory (a report, or a FITS for the preview or a check). */
export async function storedBytes(path: string): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	for await (const chunk of await stackStorage().read(path)) chunks.push(chunk as Buffer);
	return new Uint8Array(Buffer.concat(chunks));
}
