import { FitsError } from '../fits/errors';
import { BLOCK_BYTES, CARD_BYTES, MAX_HEADER_BYTES, parseHeader, type FitsHeader } from '../fits/header';
import { assertDataFits, declaredDataBytes } from '../fits/size';

/**
 * The primary header of a file, read 2880-byte block by block with `Blob.slice` (a browser File or
 * Node's Blob), so that a 4 MB frame costs one or two blocks. Reading stops at the END card, at
 * the first block that cannot be a header (not printable ASCII: data or another format), at the
 * end of the file, or at MAX_HEADER_BYTES; the FITS reader then names what is wrong. The data the
 * header declares must fit in the file, so a truncated copy is caught before it is uploaded.
 */
export async function readFrameHeader(file: Blob): Promise<{ header: FitsHeader } | { reason: string }> {
	const blocks: Uint8Array[] = [];
	for (let offset = 0; offset < Math.min(file.size, MAX_HEADER_BYTES); offset += BLOCK_BYTES) {
		const block = new Uint8Array(await file.slice(offset, offset + BLOCK_BYTES).arrayBuffer());
		blocks.push(block);
		if (block.length < BLOCK_BYTES || !isPrintable(block) || hasEndCard(block)) break;
	}
	const bytes = concat(blocks);
	try {
		const { header, end } = parseHeader(bytes);
		assertDataFits('the primary HDU', declaredDataBytes(header, true), file.size - end);
		return { header };
	} catch (err) {
		if (err instanceof FitsError) return { reason: err.message };
		throw err;
	}
}

function isPrintable(block: Uint8Array): boolean {
	return block.every((byte) => byte >= 0x20 && byte <= 0x7e);
}

/** An END card starts at a card boundary: "END" then blanks to column 8, as parseHeader reads it. */
function hasEndCard(block: Uint8Array): boolean {
	for (let at = 0; at < block.length; at += CARD_BYTES) {
		if ([...'END     '].every((char, i) => block[at + i] === char.charCodeAt(0))) return true;
	}
	return false;
}

function concat(blocks: Uint8Array[]): Uint8Array {
	const bytes = new Uint8Array(blocks.reduce((sum, b) => sum + b.length, 0));
	let at = 0;
	for (const block of blocks) {
		bytes.set(block, at);
		at += block.length;
	}
	return bytes;
}
