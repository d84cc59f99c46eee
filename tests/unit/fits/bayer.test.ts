import { describe, expect, it } from 'vitest';
import { readRawImage, type BayerPattern } from '$lib/fits';
import { fitsErrorOf, fixed, handMadeFits, imageCards } from './helpers';

function frame(height: number, ...extra: string[]): Uint8Array {
	return handMadeFits([...imageCards(8, 2, height), ...extra], new Uint8Array(2 * height));
}

/** Colour of storage pixel (x, y), computed from the top-down pattern by flipping rows by hand. */
function storageColour(topDown: BayerPattern, height: number, bottomUp: boolean, x: number, y: number): string {
	const displayRow = bottomUp ? height - 1 - y : y;
	return topDown[(displayRow % 2) * 2 + (x % 2)];
}

const PATTERNS: BayerPattern[] = ['RGGB', 'BGGR', 'GRBG', 'GBRG'];

describe('BAYERPAT', () => {
	it('accepts the four patterns, trimmed and in any case; no BAYERPAT means mono', () => {
		for (const p of PATTERNS) expect(readRawImage(frame(4, `BAYERPAT= '${p}    '`)).bayer).toBe(p);
		expect(readRawImage(frame(4, "BAYERPAT= 'grbg'")).bayer).toBe('GRBG');
		expect(readRawImage(frame(4, "BAYERPAT= '  Rggb  '")).bayer).toBe('RGGB');
		expect(readRawImage(frame(4)).bayer).toBeNull();
	});

	it('refuses unknown patterns, listing the supported ones', () => {
		expect(fitsErrorOf(() => readRawImage(frame(4, "BAYERPAT= 'XYZW'"), 'odd.fit'), 'BAD_BAYERPAT')).toBe(
			"odd.fit: BAYERPAT = 'XYZW' is not supported; supported: RGGB, BGGR, GRBG, GBRG"
		);
		expect(fitsErrorOf(() => readRawImage(frame(4, fixed('BAYERPAT', 4))), 'BAD_BAYERPAT')).toMatch(/BAYERPAT = 4 is not supported/);
		expect(fitsErrorOf(() => readRawImage(frame(4, "BAYERPAT= ''")), 'BAD_BAYERPAT')).toMatch(/BAYERPAT = '' is not supported/);
	});

	it('refuses non-zero Bayer offsets instead of guessing their meaning', () => {
		expect(fitsErrorOf(() => readRawImage(frame(4, "BAYERPAT= 'RGGB'", fixed('XBAYROFF', 1))), 'UNSUPPORTED_IMAGE')).toBe(
			'XBAYROFF = 1 is not supported; only Bayer offsets of 0'
		);
		expect(readRawImage(frame(4, "BAYERPAT= 'RGGB'", fixed('XBAYROFF', 0), fixed('YBAYROFF', 0))).bayer).toBe('RGGB');
	});
});

describe('ROWORDER', () => {
	it('defaults to TOP-DOWN and accepts BOTTOM-UP', () => {
		expect(readRawImage(frame(4)).rowOrder).toBe('TOP-DOWN');
		expect(readRawImage(frame(4, "ROWORDER= 'TOP-DOWN'")).rowOrder).toBe('TOP-DOWN');
		expect(readRawImage(frame(4, "ROWORDER= 'bottom-up'")).rowOrder).toBe('BOTTOM-UP');
	});

	it('refuses anything else, listing what is supported', () => {
		expect(fitsErrorOf(() => readRawImage(frame(4, "ROWORDER= 'SIDEWAYS'"), 's.fit'), 'BAD_ROWORDER')).toBe(
			"s.fit: ROWORDER = 'SIDEWAYS' is not supported; supported: TOP-DOWN, BOTTOM-UP"
		);
	});

	it.each(PATTERNS)('gives %s in storage order for BOTTOM-UP files of even and odd height', (pattern) => {
		for (const height of [4, 5, 1920]) {
			for (const bottomUp of [false, true]) {
				const order = bottomUp ? 'BOTTOM-UP' : 'TOP-DOWN';
				const { bayer } = readRawImage(frame(height, `BAYERPAT= '${pattern}'`, `ROWORDER= '${order}'`));
				// The reported pattern must give the right colour at every storage pixel of a 2x2 tile.
				for (const [x, y] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
					expect(bayer![y * 2 + x], `${pattern} ${order} height ${height} at (${x}, ${y})`).toBe(
						storageColour(pattern, height, bottomUp, x, y)
					);
				}
			}
		}
	});

	it('swaps the rows of the pattern for an even-height BOTTOM-UP frame', () => {
		const swapped = (p: string) => readRawImage(frame(1920, `BAYERPAT= '${p}'`, "ROWORDER= 'BOTTOM-UP'")).bayer;
		expect([swapped('RGGB'), swapped('GBRG'), swapped('BGGR'), swapped('GRBG')]).toEqual(['GBRG', 'RGGB', 'GRBG', 'BGGR']);
	});
});
