/** Why a FITS file (or a request to write one) was refused. */
export type FitsErrorCode =
	| 'EMPTY' // zero bytes
	| 'NOT_FITS' // the first card is not SIMPLE = T (or XTENSION for an extension)
	| 'BAD_CARD' // a header card that cannot be read: non-ASCII bytes, an unparseable value
	| 'HEADER_TRUNCATED' // the bytes ran out before the END card or before the end of its block
	| 'HEADER_INCOMPLETE' // a range read gave fewer header bytes than the header needs
	| 'HEADER_TOO_LARGE' // more than MAX_HEADER_BLOCKS blocks without END
	| 'BAD_BITPIX'
	| 'BAD_NAXIS'
	| 'BAD_KEYWORD' // another structural keyword (PCOUNT, GCOUNT, BZERO, BSCALE, ...) is invalid
	| 'TRUNCATED' // the header declares more data than the file holds
	| 'NO_IMAGE' // no image HDU in the file
	| 'UNSUPPORTED_IMAGE' // a valid image this reader does not handle (cube, 1-D, BITPIX 64, Bayer offsets)
	| 'BAD_BAYERPAT'
	| 'BAD_ROWORDER'
	| 'BAD_SPEC' // writeFits was given an HDU it cannot write
	| 'OUT_OF_RANGE'; // a value that does not fit the requested storage type

export class FitsError extends Error {
	readonly code: FitsErrorCode;

	constructor(code: FitsErrorCode, message: string) {
		super(message);
		this.name = 'FitsError';
		this.code = code;
	}
}

/** Runs `fn`, prefixing the message of any FitsError with the file name so users know which file. */
export function withFileName<T>(name: string | undefined, fn: () => T): T {
	if (!name) return fn();
	try {
		return fn();
	} catch (err) {
		if (err instanceof FitsError) throw new FitsError(err.code, `${name}: ${err.message}`);
		throw err;
	}
}
