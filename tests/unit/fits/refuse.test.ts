import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parseHeader, readHdus, readImageLayout, readRawImage } from '$lib/fits';
import { fitsErrorOf, fixed, handMadeFits, imageCards, seestarFrames } from './helpers';

const FRAME = seestarFrames().find((f) => f.endsWith('Light_M 94_10.0s_IRCUT_20250327-014513.fit'))!;
const frame = () => new Uint8Array(readFileSync(FRAME));

describe('truncated files', () => {
	it('refuses a frame cut in the middle of its data, naming both sizes', () => {
		const cut = frame().subarray(0, 3_000_000);
		expect(fitsErrorOf(() => readHdus(cut), 'TRUNCATED')).toBe(
			'HDU 0 (primary, BITPIX 16, 1080 x 1920) declares 4147200 data bytes but the file has only 2994240 ' +
				'after the header; the file is truncated or its header is wrong'
		);
		expect(fitsErrorOf(() => readRawImage(cut, 'm94.fit'), 'TRUNCATED')).toMatch(/^m94\.fit: HDU 0 .* declares 4147200 data bytes/);
	});

	it('refuses a frame cut inside its header, before and after the END card', () => {
		const beforeEnd = frame().subarray(0, 2000);
		expect(fitsErrorOf(() => readHdus(beforeEnd), 'HEADER_TRUNCATED')).toMatch(/no END card: the bytes end at 2000 after 25 cards/);
		// The END card is card 42 (bytes 3280-3359), but its block runs to 5760.
		const afterEnd = frame().subarray(0, 3400);
		expect(fitsErrorOf(() => readRawImage(afterEnd, 'm94.fit'), 'HEADER_TRUNCATED')).toMatch(
			/^m94\.fit: the header at byte 0 is cut at byte 3400: its END card is in a block that should end at byte 5760/
		);
	});

	it('refuses an empty file everywhere', () => {
		const empty = new Uint8Array(0);
		const message = 'the file is empty (0 bytes); a FITS file starts with a 2880-byte header';
		expect(fitsErrorOf(() => readHdus(empty), 'EMPTY')).toBe(message);
		expect(fitsErrorOf(() => parseHeader(empty), 'EMPTY')).toBe(message);
		expect(fitsErrorOf(() => readRawImage(empty, 'a.fit'), 'EMPTY')).toBe(`a.fit: ${message}`);
		expect(fitsErrorOf(() => readImageLayout(empty, 0), 'EMPTY')).toBe(message);
	});
});

describe('files that are not FITS', () => {
	it('recognises a PNG renamed .fit', () => {
		const png = new PNG({ width: 4, height: 3 });
		png.data.fill(200);
		const path = join(mkdtempSync(join(tmpdir(), 'fits-png-')), 'photo.fit');
		writeFileSync(path, PNG.sync.write(png));
		const bytes = new Uint8Array(readFileSync(path));
		expect(fitsErrorOf(() => readRawImage(bytes, 'photo.fit'), 'NOT_FITS')).toBe(
			'photo.fit: not a FITS file: it is a PNG image; a FITS file starts with "SIMPLE  =                    T"'
		);
	});

	it('shows the first bytes of an unknown file and recognises gzip', () => {
		const text = new TextEncoder().encode('hello, world\n\x01');
		expect(fitsErrorOf(() => readHdus(text), 'NOT_FITS')).toMatch(/it starts with "hello, world\\x0a\\x01"/);
		expect(fitsErrorOf(() => readHdus(new Uint8Array([0x1f, 0x8b, 8, 0])), 'NOT_FITS')).toMatch(/gzip-compressed file \(decompress it first\)/);
	});

	it('refuses SIMPLE = F', () => {
		const bytes = handMadeFits([fixed('SIMPLE', 'F'), fixed('BITPIX', 8), fixed('NAXIS', 0)]);
		expect(fitsErrorOf(() => readHdus(bytes), 'NOT_FITS')).toMatch(/SIMPLE = F: .*only SIMPLE = T is supported/);
	});
});

describe('headers that lie or break the rules', () => {
	it('refuses a header claiming a 4 GB image in a small file, without allocating it', () => {
		const before = process.memoryUsage().arrayBuffers;
		const small = handMadeFits(imageCards(8, 65536, 65536), new Uint8Array(100_000));
		const available = small.length - 2880;
		expect(fitsErrorOf(() => readHdus(small), 'TRUNCATED')).toBe(
			`HDU 0 (primary, BITPIX 8, 65536 x 65536) declares 4294967296 data bytes but the file has only ${available} ` +
				'after the header; the file is truncated or its header is wrong'
		);
		expect(fitsErrorOf(() => readRawImage(small), 'TRUNCATED')).toMatch(/declares 4294967296 data bytes/);
		// The range-read path checks against the stated file size, here a Seestar frame's.
		expect(fitsErrorOf(() => readImageLayout(small.subarray(0, 2880), 4152960), 'TRUNCATED')).toMatch(
			/declares 4294967296 data bytes but the file has only 4150080 after the header/
		);
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50_000_000);
	});

	it('refuses sizes past 2^53 exactly, without overflow', () => {
		const bytes = handMadeFits([...imageCards(-64, 4294967296, 4294967296)]);
		expect(fitsErrorOf(() => readHdus(bytes), 'TRUNCATED')).toMatch(/declares 147573952589676412928 data bytes/);
	});

	it('refuses a header without END: followed by data, or running to the end of the file', () => {
		const withData = handMadeFits(imageCards(8, 10, 10), new Uint8Array(100), { end: false });
		expect(fitsErrorOf(() => readHdus(withData), 'BAD_CARD')).toBe(
			'header card 37 holds byte 0x00 at file byte 2880, which is not printable ASCII; FITS headers allow only ' +
				'characters 0x20-0x7E (if the data starts here, the header has no END card)'
		);
		const headerOnly = handMadeFits(imageCards(8, 10, 10), undefined, { end: false });
		expect(fitsErrorOf(() => readHdus(headerOnly), 'HEADER_TRUNCATED')).toMatch(/has no END card: the bytes end at 2880 after 36 cards/);
	});

	it('refuses non-ASCII bytes in a header card, naming the card and byte', () => {
		const bytes = handMadeFits([...imageCards(8, 1, 1), "OBJECT  = 'Café'"], new Uint8Array(1));
		// handMadeFits writes char codes; 'é' is U+00E9, stored as byte 0xE9.
		expect(fitsErrorOf(() => readHdus(bytes), 'BAD_CARD')).toMatch(
			/^header card 6 \(OBJECT\) holds byte 0xE9 at file byte 414, which is not printable ASCII; FITS headers allow only characters 0x20-0x7E/
		);
	});

	it('refuses bad or missing BITPIX', () => {
		const bad = handMadeFits(imageCards(12, 1, 1), new Uint8Array(1));
		expect(fitsErrorOf(() => readHdus(bad), 'BAD_BITPIX')).toBe('BITPIX = 12 is not valid; FITS allows 8, 16, 32, 64, -32, -64');
		const text = handMadeFits([fixed('SIMPLE', 'T'), "BITPIX  = '16'", fixed('NAXIS', 0)]);
		expect(fitsErrorOf(() => readHdus(text), 'BAD_BITPIX')).toMatch(/BITPIX = '16' is not valid/);
		const missing = handMadeFits([fixed('SIMPLE', 'T'), fixed('NAXIS', 0)]);
		expect(fitsErrorOf(() => readHdus(missing), 'BAD_BITPIX')).toMatch(/BITPIX is missing/);
	});

	it('refuses negative, fractional, missing or out-of-range NAXIS values', () => {
		const negative = handMadeFits(imageCards(16, -5, 10));
		expect(fitsErrorOf(() => readHdus(negative), 'BAD_NAXIS')).toBe(
			'NAXIS1 = -5 is not valid; axis lengths must be non-negative integers'
		);
		const fraction = handMadeFits(imageCards(16, 10, '2.5'));
		expect(fitsErrorOf(() => readHdus(fraction), 'BAD_NAXIS')).toMatch(/NAXIS2 = 2.5 is not valid/);
		const naxisNegative = handMadeFits([fixed('SIMPLE', 'T'), fixed('BITPIX', 16), fixed('NAXIS', -1)]);
		expect(fitsErrorOf(() => readHdus(naxisNegative), 'BAD_NAXIS')).toBe('NAXIS = -1 is not valid; FITS allows an integer from 0 to 999');
		const naxisHuge = handMadeFits([fixed('SIMPLE', 'T'), fixed('BITPIX', 16), fixed('NAXIS', 1000)]);
		expect(fitsErrorOf(() => readHdus(naxisHuge), 'BAD_NAXIS')).toMatch(/NAXIS = 1000 is not valid/);
		const missingAxis = handMadeFits([fixed('SIMPLE', 'T'), fixed('BITPIX', 16), fixed('NAXIS', 2), fixed('NAXIS1', 4)]);
		expect(fitsErrorOf(() => readHdus(missingAxis), 'BAD_NAXIS')).toBe('NAXIS2 is missing but NAXIS = 2');
	});

	it('refuses invalid BZERO and BSCALE when reading the image', () => {
		const zeroScale = handMadeFits([...imageCards(16, 2, 2), fixed('BSCALE', 0)], new Uint8Array(8));
		expect(fitsErrorOf(() => readRawImage(zeroScale), 'BAD_KEYWORD')).toBe('BSCALE = 0 is not valid; it must be a finite, non-zero number');
		const textZero = handMadeFits([...imageCards(16, 2, 2), "BZERO   = 'lots'"], new Uint8Array(8));
		expect(fitsErrorOf(() => readRawImage(textZero), 'BAD_KEYWORD')).toMatch(/BZERO = 'lots' is not valid/);
	});
});

describe('images this reader does not handle', () => {
	it('refuses colour cubes but accepts NAXIS3 = 1', () => {
		const cubeCards = (planes: number) => [
			fixed('SIMPLE', 'T'),
			fixed('BITPIX', 16),
			fixed('NAXIS', 3),
			fixed('NAXIS1', 4),
			fixed('NAXIS2', 2),
			fixed('NAXIS3', planes)
		];
		const cube = handMadeFits(cubeCards(3), new Uint8Array(48));
		expect(fitsErrorOf(() => readRawImage(cube, 'rgb.fit'), 'UNSUPPORTED_IMAGE')).toBe(
			'rgb.fit: HDU 0 has NAXIS3 = 3: colour cubes and multi-plane images are not supported yet; ' +
				'only 2-D images (extra axes of length 1, e.g. NAXIS3 = 1)'
		);
		const plane = handMadeFits(cubeCards(1), new Uint8Array(16));
		expect(readRawImage(plane)).toMatchObject({ width: 4, height: 2, bitpix: 16 });
	});

	it('refuses 1-D images, BITPIX 64 images, and files with no image', () => {
		const line = handMadeFits([fixed('SIMPLE', 'T'), fixed('BITPIX', 16), fixed('NAXIS', 1), fixed('NAXIS1', 8)], new Uint8Array(16));
		expect(fitsErrorOf(() => readRawImage(line), 'UNSUPPORTED_IMAGE')).toMatch(/NAXIS = 1; only 2-D images/);
		const wide = handMadeFits(imageCards(64, 2, 2), new Uint8Array(32));
		expect(readHdus(wide)[0].dataLength).toBe(32); // valid FITS ...
		expect(fitsErrorOf(() => readRawImage(wide), 'UNSUPPORTED_IMAGE')).toBe(
			'BITPIX = 64 (64-bit integer) images are not supported; supported: 8, 16, 32, -32, -64'
		); // ... but not an image this reader decodes
		const empty = handMadeFits([fixed('SIMPLE', 'T'), fixed('BITPIX', 8), fixed('NAXIS', 0)]);
		expect(fitsErrorOf(() => readRawImage(empty), 'NO_IMAGE')).toMatch(/no HDU holds an image/);
	});
});
