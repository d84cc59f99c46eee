import { concatBytes } from '../util/bytes';
import { BLOCK_BYTES, CARD_BYTES, MAX_HEADER_BYTES, parseHeader, type FitsHeader } from './header';

/** Bytes [start, end) of a file, fewer at its end: `Blob.slice` in a browser, `Storage.readRange` on the server. */
export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;

const END_CARD = 'END     ';

/** Whether an END card (as parseHeader reads it) starts at a card boundary in bytes [from, to). */
export function hasEndCard(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
	for (let at = from - (from % CARD_BYTES); at + END_CARD.length <= to; at += CARD_BYTES) {
		let match = true;
		for (let i = 0; i < END_CARD.length && match; i++) match = bytes[at + i] === END_CARD.charCodeAt(i);
		if (match) return true;
	}
	return false;
}

/**
 * The primary header of a file, read by range `step` bytes at a time (whole 2880-byte blocks), so
 * that a 4 MB frame costs one or two reads. Reading stops at the END card, at the first range that
 * cannot be a header (not printable ASCII: data or another format), at the end of the file, or at
 * MAX_HEADER_BYTES; parseHeader then names what is wrong (a FitsError). `end` is where data starts.
 * `extension`: the header read is an extension's (first card XTENSION), `read` relative to its start.
 */
export async function readHeaderRange(read: ReadRange, step = BLOCK_BYTES, extension = false): Promise<{ header: FitsHeader; end: number }> {
	if (step <= 0 || step % BLOCK_BYTES !== 0) throw new RangeError(`step ${step} is not a whole number of ${BLOCK_BYTES}-byte blocks`);
	const parts: Uint8Array[] = [];
	for (let offset = 0; offset < MAX_HEADER_BYTES; offset += step) {
		const part = await read(offset, Math.min(offset + step, MAX_HEADER_BYTES));
		parts.push(part);
		if (part.length < step || !isPrintable(part) || hasEndCard(part)) break;
	}
	if (!extension) return parseHeader(concatBytes(parts));
	// parseHeader takes an extension's header at a non-zero offset: a blank block stands before it.
	const { header, end } = parseHeader(concatBytes([new Uint8Array(BLOCK_BYTES), ...parts]), BLOCK_BYTES);
	return { header, end: end - BLOCK_BYTES };
}

function isPrintable(bytes: Uint8Array): boolean {
	return bytes.every((byte) => byte >= 0x20 && byte <= 0x7e);
}
