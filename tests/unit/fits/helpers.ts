import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { FitsError } from '$lib/fits';

/** The real Seestar frames shared next to the repo (read-only). */
export const SEESTAR_DIR = fileURLToPath(new URL('../../../../shared/data/seestar/', import.meta.url));

export function seestarFrames(): string[] {
	return readdirSync(SEESTAR_DIR, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((dir) => readdirSync(join(SEESTAR_DIR, dir.name)).map((file) => join(SEESTAR_DIR, dir.name, file)))
		.filter((file) => file.endsWith('.fit'))
		.sort();
}

/**
 * A FITS file assembled by hand, independently of writeFits: each card text padded to 80
 * characters, END appended unless told not to, header padded with spaces to 2880, then `data`
 * padded with zeros to 2880.
 */
export function handMadeFits(cards: string[], data: Uint8Array = new Uint8Array(0), opts: { end?: boolean } = {}): Uint8Array {
	const lines = opts.end === false ? cards : [...cards, 'END'];
	const headerLength = Math.ceil((lines.length * 80) / 2880) * 2880;
	const dataLength = Math.ceil(data.length / 2880) * 2880;
	const out = new Uint8Array(headerLength + dataLength).fill(0x20, 0, headerLength);
	lines.forEach((line, i) => {
		if (line.length > 80) throw new Error(`test card longer than 80: ${line}`);
		for (let c = 0; c < line.length; c++) out[i * 80 + c] = line.charCodeAt(c);
	});
	out.set(data, headerLength);
	return out;
}

/** "KEY     = value" with the value right-justified to column 30, as FITS fixed format. */
export function fixed(key: string, value: string | number): string {
	return `${key.padEnd(8)}= ${String(value).padStart(20)}`;
}

/** The mandatory cards of a 2-D primary image. */
export function imageCards(bitpix: number, width: number | string, height: number | string): string[] {
	return [fixed('SIMPLE', 'T'), fixed('BITPIX', bitpix), fixed('NAXIS', 2), fixed('NAXIS1', width), fixed('NAXIS2', height)];
}

/** Runs fn, asserts it throws a FitsError with this code, and returns the message. */
export function fitsErrorOf(fn: () => unknown, code: string): string {
	try {
		fn();
	} catch (err) {
		expect(err).toBeInstanceOf(FitsError);
		expect((err as FitsError).code).toBe(code);
		return (err as FitsError).message;
	}
	throw new Error(`expected a FitsError ${code}, but nothing was thrown`);
}
