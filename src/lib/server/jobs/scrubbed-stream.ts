import type { Readable } from 'node:stream';
import { FitsError, scrubLocation } from '$lib/fits';

/**
 * A stored frame's bytes with the location cards of its primary header blanked: the header is
 * gathered (it may span several reads), scrubbed, passed on; the data follows unchanged.
 */
export async function* scrubbedChunks(source: Readable): AsyncGenerator<Uint8Array> {
	let head: Uint8Array | null = new Uint8Array(0);
	for await (const chunk of source as AsyncIterable<Uint8Array>) {
		if (head === null) {
			yield chunk;
			continue;
		}
		const joined: Uint8Array = new Uint8Array(head.length + chunk.length);
		joined.set(head);
		joined.set(chunk, head.length);
		if (!headerComplete(joined)) {
			head = joined;
			continue;
		}
		head = null;
		yield joined;
	}
	// A file too short to hold a header is passed on as it is: it was checked at upload.
	if (head !== null && head.length > 0) yield head;
}

/** Scrubs in place when the whole primary header is in `bytes`; false when more is needed. */
function headerComplete(bytes: Uint8Array): boolean {
	try {
		scrubLocation(bytes);
		return true;
	} catch (error) {
		if (error instanceof FitsError && error.code === 'HEADER_TRUNCATED') return false;
		throw error;
	}
}
