import { FitsError } from '../fits/errors';
import { readHdus } from '../fits/read';
import { sha256Hex } from '../util/sha256';
import type { Band } from './pool/types';

/**
 * Rows per verification band: fixed by the stack's geometry (never by the thread banding), so a
 * worker's band hashes and the server's recomputed bands name the same rows.
 */
export const VERIFY_BAND_ROWS = 32;

/** The planes a band hash covers, in this order, as the stack file stores them. */
export const HASHED_PLANES = ['RED', 'GREEN', 'BLUE', 'FOOTPRINT'] as const;

/** Bands of VERIFY_BAND_ROWS rows (the last one shorter) covering `height` rows. */
export function verifyBands(height: number): Band[] {
	const bands: Band[] = [];
	for (let y0 = 0; y0 < height; y0 += VERIFY_BAND_ROWS) bands.push({ y0, rows: Math.min(VERIFY_BAND_ROWS, height - y0) });
	return bands;
}

/**
 * SHA-256 per verification band of a stack file: the band's rows of RED, GREEN, BLUE (float32) and
 * FOOTPRINT (int16), as written, one after the other. What a worker sends with its stack.
 */
export async function stackBandHashes(fits: Uint8Array): Promise<string[]> {
	const byName = new Map(readHdus(fits).map((h) => [h.header.string('EXTNAME')?.toUpperCase() ?? '', h]));
	const planes = HASHED_PLANES.map((name) => {
		const hdu = byName.get(name);
		if (!hdu) throw new FitsError('NO_IMAGE', `the stack has no ${name} extension`);
		const width = hdu.header.number('NAXIS1') ?? 0;
		const rowBytes = width * (Math.abs(hdu.header.number('BITPIX') ?? 0) / 8);
		return { hdu, rowBytes, height: hdu.header.number('NAXIS2') ?? 0 };
	});
	return Promise.all(
		verifyBands(planes[0].height).map((band) =>
			hashParts(planes.map(({ hdu, rowBytes }) => fits.subarray(hdu.dataOffset + band.y0 * rowBytes, hdu.dataOffset + (band.y0 + band.rows) * rowBytes)))
		)
	);
}

/** The same hash of one band the kernel combined: what the server compares with the worker's. */
export function combinedBandHash(r: Float32Array, g: Float32Array, b: Float32Array, coverage: Uint16Array): Promise<string> {
	return hashParts([float32Bytes(r), float32Bytes(g), float32Bytes(b), int16Bytes(coverage)]);
}

function hashParts(parts: Uint8Array[]): Promise<string> {
	const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		joined.set(part, at);
		at += part.length;
	}
	return sha256Hex(joined);
}

/** Big-endian float32 as the FITS writer stores it (every NaN as the one quiet NaN it writes). */
function float32Bytes(values: Float32Array): Uint8Array {
	const out = new Uint8Array(values.length * 4);
	const view = new DataView(out.buffer);
	for (let i = 0; i < values.length; i++) {
		if (Number.isNaN(values[i])) view.setUint32(i * 4, 0x7fc00000);
		else view.setFloat32(i * 4, values[i]);
	}
	return out;
}

function int16Bytes(values: Uint16Array): Uint8Array {
	const out = new Uint8Array(values.length * 2);
	const view = new DataView(out.buffer);
	for (let i = 0; i < values.length; i++) view.setInt16(i * 2, values[i]);
	return out;
}
