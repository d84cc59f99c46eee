import { FitsError } from './errors';
import { scrubLocation, type ScrubOptions } from './scrub';

/**
 * Blanks the location and observer cards of a FITS file's primary header (and replaces TELESCOP
 * when `options` say how: scrubLocation) as its chunks go by: the header is gathered (it may span
 * several chunks), scrubbed, passed on; the data follows unchanged and the total length stays.
 * The chunks given are never modified. One scrubber per file.
 */
export class LocationScrubber {
	private head: Uint8Array | null = new Uint8Array(0);

	constructor(private readonly options: ScrubOptions = {}) {}

	/** What may be passed on after `chunk`: nothing while the header is still incomplete. */
	push(chunk: Uint8Array): Uint8Array[] {
		if (this.head === null) return [chunk];
		const joined = new Uint8Array(this.head.length + chunk.length);
		joined.set(this.head);
		joined.set(chunk, this.head.length);
		if (!scrubbedInPlace(joined, this.options)) {
			this.head = joined;
			return [];
		}
		this.head = null;
		return [joined];
	}

	/** The rest at the end of the file: a file too short to hold a header passes as it is (uploads check headers). */
	end(): Uint8Array[] {
		const rest = this.head;
		this.head = null;
		return rest && rest.length > 0 ? [rest] : [];
	}
}

/** False when more bytes are needed to hold the whole primary header. */
function scrubbedInPlace(bytes: Uint8Array, options: ScrubOptions): boolean {
	try {
		scrubLocation(bytes, options);
		return true;
	} catch (error) {
		if (error instanceof FitsError && error.code === 'HEADER_TRUNCATED') return false;
		throw error;
	}
}

/** A FITS file's chunks scrubbed as `options` say (LocationScrubber). */
export async function* scrubbedChunks(source: AsyncIterable<Uint8Array>, options: ScrubOptions = {}): AsyncGenerator<Uint8Array> {
	const scrubber = new LocationScrubber(options);
	for await (const chunk of source) yield* scrubber.push(chunk);
	yield* scrubber.end();
}
