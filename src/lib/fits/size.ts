import { FitsError } from './errors';
import { BLOCK_BYTES, type FitsHeader } from './header';
import { show } from './show';

export const FITS_BITPIX = [8, 16, 32, 64, -32, -64] as const;
const MAX_NAXIS = 999;

export function readBitpix(header: FitsHeader): number {
	const bitpix = header.get('BITPIX');
	if (bitpix === undefined) {
		throw new FitsError('BAD_BITPIX', `BITPIX is missing; FITS requires it (one of ${FITS_BITPIX.join(', ')})`);
	}
	if (!FITS_BITPIX.some((valid) => valid === bitpix)) {
		throw new FitsError('BAD_BITPIX', `BITPIX = ${show(bitpix)} is not valid; FITS allows ${FITS_BITPIX.join(', ')}`);
	}
	return bitpix as number;
}

/** NAXIS1..NAXISn, validated: NAXIS in 0..999, every length a non-negative integer. */
export function readAxes(header: FitsHeader): number[] {
	const naxis = header.get('NAXIS');
	if (naxis === undefined) throw new FitsError('BAD_NAXIS', 'NAXIS is missing; FITS requires it (0 to 999)');
	if (typeof naxis !== 'number' || !Number.isInteger(naxis) || naxis < 0 || naxis > MAX_NAXIS) {
		throw new FitsError('BAD_NAXIS', `NAXIS = ${show(naxis)} is not valid; FITS allows an integer from 0 to ${MAX_NAXIS}`);
	}
	const axes: number[] = [];
	for (let n = 1; n <= naxis; n++) {
		const length = header.get(`NAXIS${n}`);
		if (length === undefined) throw new FitsError('BAD_NAXIS', `NAXIS${n} is missing but NAXIS = ${naxis}`);
		if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
			throw new FitsError('BAD_NAXIS', `NAXIS${n} = ${show(length)} is not valid; axis lengths must be non-negative integers`);
		}
		axes.push(length);
	}
	return axes;
}

/**
 * Data bytes an HDU declares (FITS 4.0 section 4.4.1.1):
 * |BITPIX|/8 x GCOUNT x (PCOUNT + NAXIS1 x ... x NAXISn), with NAXIS1 left out for random groups.
 * Computed in BigInt so that a lying header cannot overflow into a small, plausible number.
 */
export function declaredDataBytes(header: FitsHeader, primary: boolean): bigint {
	const bitpix = readBitpix(header);
	const axes = readAxes(header);
	if (axes.length === 0) return 0n;
	const groups = primary && header.get('GROUPS') === true && axes[0] === 0;
	const pcount = primary && !groups ? 0 : readCount(header, 'PCOUNT', 0);
	const gcount = primary && !groups ? 1 : readCount(header, 'GCOUNT', 1);
	let elements = 1n;
	for (const length of groups ? axes.slice(1) : axes) elements *= BigInt(length);
	return (BigInt(Math.abs(bitpix)) / 8n) * BigInt(gcount) * (BigInt(pcount) + elements);
}

function readCount(header: FitsHeader, key: string, missing: number): number {
	const value = header.get(key);
	if (value === undefined) return missing;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
		throw new FitsError('BAD_KEYWORD', `${key} = ${show(value)} is not valid; it must be a non-negative integer`);
	}
	return value;
}

/** Refuses, before anything is allocated, data that would run past the end of the file. */
export function assertDataFits(what: string, declared: bigint, available: number): void {
	if (declared > BigInt(available)) {
		throw new FitsError(
			'TRUNCATED',
			`${what} declares ${declared} data bytes but the file has only ${available} after the header; ` +
				'the file is truncated or its header is wrong'
		);
	}
}

/** "HDU 0 (primary, BITPIX 16, 1080 x 1920)" for messages; call only after validation. */
export function describeHdu(index: number, header: FitsHeader): string {
	const kind = index === 0 ? 'primary' : (header.string('XTENSION') ?? 'extension');
	const axes = readAxes(header);
	const shape = axes.length > 0 ? `, ${axes.join(' x ')}` : '';
	return `HDU ${index} (${kind}, BITPIX ${readBitpix(header)}${shape})`;
}

export function paddedLength(bytes: number): number {
	return Math.ceil(bytes / BLOCK_BYTES) * BLOCK_BYTES;
}
