import { FitsError } from './errors';
import { MAX_HEADER_BYTES, parseHeader, type FitsHeader } from './header';
import { assertDataFits, declaredDataBytes, describeHdu, paddedLength } from './size';

export interface Hdu {
	index: number;
	header: FitsHeader;
	headerOffset: number;
	dataOffset: number;
	/** Declared data bytes, without the padding to 2880. */
	dataLength: number;
}

/** All HDUs of a whole file. Every declared size is checked against bytes.length before use. */
export function readHdus(bytes: Uint8Array): Hdu[] {
	return Array.from(walkHdus(bytes, bytes.length));
}

/**
 * Walks the HDUs of a file of `fileSize` bytes of which `bytes` holds the first part (all of it,
 * or only the headers for a range read). Bytes after the last HDU that do not start an XTENSION
 * header are ignored, as cfitsio and astropy do: some writers pad files with extra zeros.
 */
export function* walkHdus(bytes: Uint8Array, fileSize: number): Generator<Hdu> {
	let offset = 0;
	for (let index = 0; index === 0 || offset < fileSize; index++) {
		if (offset >= bytes.length && offset > 0) throw incomplete(index, bytes.length);
		if (index > 0 && !startsExtension(bytes, offset)) return;
		const { header, end } = parseHeaderOf(bytes, offset, fileSize, index);
		const declared = declaredDataBytes(header, index === 0);
		assertDataFits(describeHdu(index, header), declared, fileSize - end);
		const dataLength = Number(declared);
		yield { index, header, headerOffset: offset, dataOffset: end, dataLength };
		offset = end + paddedLength(dataLength);
	}
}

function parseHeaderOf(bytes: Uint8Array, offset: number, fileSize: number, index: number) {
	try {
		return parseHeader(bytes, offset);
	} catch (err) {
		// With only the start of the file in hand, running out of bytes means "read more", not "truncated".
		if (err instanceof FitsError && err.code === 'HEADER_TRUNCATED' && bytes.length < fileSize) {
			throw incomplete(index, bytes.length);
		}
		throw err;
	}
}

function incomplete(index: number, have: number): FitsError {
	return new FitsError(
		'HEADER_INCOMPLETE',
		`the header of HDU ${index} continues past the first ${have} bytes read; read more of the file ` +
			`(a header may be up to ${MAX_HEADER_BYTES} bytes)`
	);
}

function startsExtension(bytes: Uint8Array, offset: number): boolean {
	const tag = 'XTENSION';
	for (let i = 0; i < tag.length; i++) if (bytes[offset + i] !== tag.charCodeAt(i)) return false;
	return true;
}
