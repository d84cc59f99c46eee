/**
 * A streaming ZIP writer (PKWARE APPNOTE 6.3): entries STOREd (FITS barely compresses, and
 * storing keeps the server's CPU free), each followed by a data descriptor, so an entry's CRC-32
 * and size are computed while its bytes pass through and nothing is held in memory. No ZIP64:
 * an archive that would pass 4 GiB, or more than 65,535 entries, is refused with an error.
 */
import { crc32 } from './crc32';

export interface ZipEntry {
	/** Path inside the archive ('/'-separated), stored as UTF-8. */
	name: string;
	/** Modification time shown by unzip tools (local DOS time fields hold it as UTC). */
	modified?: Date;
	/** The entry's bytes, opened only when the archive reaches it. */
	open: () => Promise<AsyncIterable<Uint8Array>>;
}

const LIMIT = 0xffffffff;
const MAX_ENTRIES = 0xffff;
/** General purpose flags: bit 3 (sizes in a data descriptor) and bit 11 (UTF-8 names). */
const FLAGS = 0x0808;
const VERSION = 20;

interface Written {
	name: Uint8Array;
	crc: number;
	size: number;
	offset: number;
	time: number;
	date: number;
}

/** The archive's bytes, entry after entry, then the central directory. */
export async function* zipStream(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>): AsyncGenerator<Uint8Array> {
	const written: Written[] = [];
	let offset = 0;
	for await (const entry of entries) {
		if (written.length === MAX_ENTRIES) throw new RangeError(`more than ${MAX_ENTRIES} entries need ZIP64, which this writer does not write`);
		const name = new TextEncoder().encode(entry.name);
		if (name.length === 0 || name.length > 0xffff) throw new RangeError(`entry name ${JSON.stringify(entry.name)} must be 1 to 65,535 bytes`);
		const { time, date } = dosDateTime(entry.modified ?? new Date());
		const start = offset;
		const header = localHeader(name, time, date);
		yield header;
		offset += header.length;
		let crc = 0;
		let size = 0;
		for await (const chunk of await entry.open()) {
			if (chunk.length === 0) continue;
			crc = crc32(chunk, crc);
			size += chunk.length;
			offset += chunk.length;
			if (offset > LIMIT) throw new RangeError(`the archive passes 4 GiB at ${JSON.stringify(entry.name)}: ZIP64 is not written; download fewer stacks at once`);
			yield chunk;
		}
		const descriptor = dataDescriptor(crc, size);
		yield descriptor;
		offset += descriptor.length;
		written.push({ name, crc, size, offset: start, time, date });
	}
	const directory = written.map(centralHeader);
	const directorySize = directory.reduce((sum, part) => sum + part.length, 0);
	if (offset + directorySize > LIMIT) throw new RangeError('the archive passes 4 GiB: ZIP64 is not written; download fewer stacks at once');
	yield* directory;
	yield endOfDirectory(written.length, directorySize, offset);
}

function localHeader(name: Uint8Array, time: number, date: number): Uint8Array {
	const out = new Uint8Array(30 + name.length);
	const v = new DataView(out.buffer);
	v.setUint32(0, 0x04034b50, true);
	v.setUint16(4, VERSION, true);
	v.setUint16(6, FLAGS, true);
	v.setUint16(8, 0, true); // method: STORE
	v.setUint16(10, time, true);
	v.setUint16(12, date, true);
	// CRC-32 and sizes (14..25) are zero here: the data descriptor carries them.
	v.setUint16(26, name.length, true);
	v.setUint16(28, 0, true);
	out.set(name, 30);
	return out;
}

function dataDescriptor(crc: number, size: number): Uint8Array {
	const out = new Uint8Array(16);
	const v = new DataView(out.buffer);
	v.setUint32(0, 0x08074b50, true);
	v.setUint32(4, crc, true);
	v.setUint32(8, size, true);
	v.setUint32(12, size, true);
	return out;
}

function centralHeader(e: Written): Uint8Array {
	const out = new Uint8Array(46 + e.name.length);
	const v = new DataView(out.buffer);
	v.setUint32(0, 0x02014b50, true);
	v.setUint16(4, VERSION, true);
	v.setUint16(6, VERSION, true);
	v.setUint16(8, FLAGS, true);
	v.setUint16(10, 0, true);
	v.setUint16(12, e.time, true);
	v.setUint16(14, e.date, true);
	v.setUint32(16, e.crc, true);
	v.setUint32(20, e.size, true);
	v.setUint32(24, e.size, true);
	v.setUint16(28, e.name.length, true);
	// extra length, comment length, disk number, internal and external attributes: zero.
	v.setUint32(42, e.offset, true);
	out.set(e.name, 46);
	return out;
}

function endOfDirectory(count: number, size: number, offset: number): Uint8Array {
	const out = new Uint8Array(22);
	const v = new DataView(out.buffer);
	v.setUint32(0, 0x06054b50, true);
	v.setUint16(8, count, true);
	v.setUint16(10, count, true);
	v.setUint32(12, size, true);
	v.setUint32(16, offset, true);
	return out;
}

/** MS-DOS date and time fields (2-second resolution, years 1980–2107). */
function dosDateTime(at: Date): { time: number; date: number } {
	const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
	return {
		time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
		date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate()
	};
}
