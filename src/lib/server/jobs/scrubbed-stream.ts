import type { Readable } from 'node:stream';
import { LocationScrubber } from '$lib/fits';

/** A stored frame's bytes as workers receive them: the location cards of its primary header blanked. */
export async function* scrubbedChunks(source: Readable): AsyncGenerator<Uint8Array> {
	const scrubber = new LocationScrubber();
	for await (const chunk of source as AsyncIterable<Uint8Array>) yield* scrubber.push(chunk);
	yield* scrubber.end();
}
