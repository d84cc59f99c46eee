/**
 * A streaming ZIP (fflate's `Zip`): entries STOREd (FITS barely compresses, and storing keeps the
 * server's CPU free), each followed by a data descriptor, so an entry's CRC-32 and size are computed
 * while its bytes pass through and nothing is held in memory. The next chunk is read only when the
 * consumer asks for more. No ZIP64: an archive that would pass 4 GiB, or more than 65,535 entries,
 * is refused with an error.
 */
import { Zip, ZipPassThrough } from 'fflate';

export interface ZipEntry {
	/** Path inside the archive ('/'-separated), stored as UTF-8. */
	name: string;
	/** Modification time shown by unzip tools (the DOS time fields hold it as UTC). */
	modified?: Date;
	/** The entry's bytes, opened only when the archive reaches it. */
	open: () => Promise<AsyncIterable<Uint8Array>>;
}

const LIMIT = 0xffffffff;
const MAX_ENTRIES = 0xffff;

/** The archive's bytes, entry after entry, then the central directory. */
export async function* zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>): AsyncGenerator<Uint8Array> {
	// fflate hands out its bytes synchronously as each entry's chunks are pushed; they wait here until yielded.
	let ready: Uint8Array[] = [];
	let failed: Error | null = null;
	const zip = new Zip((error, chunk) => {
		if (error) failed = error;
		else if (chunk.length > 0) ready.push(chunk);
	});
	let offset = 0;
	function* drain(name: string): Generator<Uint8Array> {
		if (failed) throw failed;
		const out = ready;
		ready = [];
		for (const chunk of out) {
			offset += chunk.length;
			if (offset > LIMIT) throw new RangeError(`the archive passes 4 GiB at ${name}: ZIP64 is not written; download fewer stacks at once`);
			yield chunk;
		}
	}

	let count = 0;
	for await (const entry of entries) {
		if (++count > MAX_ENTRIES) throw new RangeError(`more than ${MAX_ENTRIES} entries need ZIP64, which this writer does not write`);
		const bytes = new TextEncoder().encode(entry.name).length;
		if (bytes === 0 || bytes > 0xffff) throw new RangeError(`entry name ${JSON.stringify(entry.name)} must be 1 to 65,535 bytes`);
		const label = JSON.stringify(entry.name);
		const file = new ZipPassThrough(entry.name);
		file.mtime = utcFields(entry.modified ?? new Date());
		zip.add(file);
		yield* drain(label);
		for await (const chunk of await entry.open()) {
			if (chunk.length === 0) continue;
			file.push(chunk);
			yield* drain(label);
		}
		file.push(new Uint8Array(0), true);
		yield* drain(label);
	}
	zip.end();
	yield* drain('the central directory');
}

/** A Date whose local fields are `at`'s UTC ones (fflate writes the DOS fields from local time),
 * clamped to the years the DOS date can hold (1980–2099 in fflate). */
function utcFields(at: Date): Date {
	const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2099);
	return new Date(year, at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds());
}
