import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeToFloat32, readHdus, readImageLayout, readRawImage } from '$lib/fits';
import { fitsErrorOf, seestarFrames } from './helpers';

const frames = seestarFrames();
const WIDTH = 1080;
const HEIGHT = 1920;
const FILE_SIZE = 4152960;
const DATA_BYTES = WIDTH * HEIGHT * 2;

function load(file: string): Uint8Array {
	return new Uint8Array(readFileSync(file));
}

describe('real Seestar S50 frames', () => {
	it('finds all 12 frames', () => {
		expect(frames).toHaveLength(12);
	});

	it.each(frames.map((f) => [basename(f), f]))('%s: one HDU, header facts as the README states', (_, file) => {
		const bytes = load(file);
		expect(bytes.length).toBe(FILE_SIZE);
		const hdus = readHdus(bytes);
		expect(hdus).toHaveLength(1);
		const [hdu] = hdus;
		expect(hdu.headerOffset).toBe(0);
		expect(hdu.dataLength).toBe(DATA_BYTES);
		// The file is exactly header + data, so the data starts where the file size says.
		expect(hdu.dataOffset).toBe(FILE_SIZE - DATA_BYTES);
		const h = hdu.header;
		expect(h.get('BITPIX')).toBe(16);
		expect(h.get('BZERO')).toBe(32768);
		expect(h.get('BSCALE')).toBe(1);
		expect(h.get('GAIN')).toBe(80);
		expect(h.string('FILTER')).toBe('IRCUT');
		expect(h.string('BAYERPAT')).toBe('GRBG');
		expect(h.string('DATE-OBS')).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
		expect(h.number('RA')).toBeGreaterThan(190);
		expect(h.number('RA')).toBeLessThan(320);
		expect(h.number('DEC')).toBeGreaterThan(40);
		expect(h.number('DEC')).toBeLessThan(69);
		expect(h.number('XPIXSZ')).toBeCloseTo(2.9, 6);
		expect(h.number('TOTALEXP')).toBe(file.includes('_20.0s_') ? 20 : 10);
		expect(h.cards[0]).toEqual({ key: 'SIMPLE', value: true, comment: 'file does conform to FITS standard' });
		// Plate-solved NGC 7023 frames of 2024 carry "HIERARCH ASTAP_ZEMOSAIC_SOLVED = T".
		expect(h.get('ASTAP_ZEMOSAIC_SOLVED')).toBe(file.includes('NGC 7023_10.0s') ? true : undefined);
	});

	it('reads the exact DATE-OBS, RA and DEC of a known frame', () => {
		const file = frames.find((f) => f.endsWith('Light_M 94_10.0s_IRCUT_20250327-014513.fit'));
		const h = readHdus(load(file!))[0].header;
		expect(h.get('DATE-OBS')).toBe('2025-03-27T05:45:00.734589');
		expect(h.get('RA')).toBe(193.070835);
		expect(h.get('DEC')).toBe(40.979722);
		expect(h.get('TELESCOP')).toBe('S50_1d3fe189');
		expect(h.get('OBJECT')).toBe('M 94');
	});

	it.each(frames.map((f) => [basename(f), f]))('%s: raw image layout and decoded values', (_, file) => {
		const bytes = load(file);
		const img = readRawImage(bytes, basename(file));
		expect(img).toMatchObject({
			width: WIDTH,
			height: HEIGHT,
			bitpix: 16,
			bzero: 32768,
			bscale: 1,
			bayer: 'GRBG',
			rowOrder: 'TOP-DOWN',
			dataOffset: FILE_SIZE - DATA_BYTES,
			rowBytes: 2160
		});
		expect(img.data.length).toBe(DATA_BYTES);
		expect(img.data.buffer).toBe(bytes.buffer); // a view, not a copy

		const values = decodeToFloat32(img);
		expect(values.length).toBe(WIDTH * HEIGHT);
		// Independent: unsigned 16-bit read, offset by 32768 modulo 2^16 (two's complement + BZERO).
		const view = new DataView(bytes.buffer, bytes.byteOffset);
		const pixel = (x: number, y: number) => (view.getUint16(img.dataOffset + 2 * (y * WIDTH + x)) + 32768) % 65536;
		for (const [x, y] of [[0, 0], [1, 0], [0, 1], [539, 959], [1079, 1919], [1000, 17], [3, 1900]]) {
			expect(values[y * WIDTH + x]).toBe(pixel(x, y));
		}
		let min = Infinity;
		let max = -Infinity;
		for (let i = 0; i < values.length; i++) {
			if (values[i] < min) min = values[i];
			if (values[i] > max) max = values[i];
			if (i % 4999 === 0) expect(values[i]).toBe(pixel(i % WIDTH, Math.floor(i / WIDTH)));
		}
		expect(min).toBeGreaterThanOrEqual(0);
		expect(max).toBeLessThanOrEqual(65535);
		expect(max).toBeGreaterThan(min); // a real exposure, not a constant frame
	});

	it('gives the same layout from the header blocks alone (range reads)', () => {
		const bytes = load(frames[0]);
		const full = readRawImage(bytes);
		const layout = readImageLayout(bytes.subarray(0, 8192), FILE_SIZE, 'first.fit');
		const { data: _, ...fullLayout } = full;
		expect(layout).toEqual(fullLayout);
		// One block is not enough for these two-block headers: the caller is told to read more.
		expect(fitsErrorOf(() => readImageLayout(bytes.subarray(0, 2880), FILE_SIZE, 'first.fit'), 'HEADER_INCOMPLETE')).toMatch(
			/^first\.fit: the header of HDU 0 continues past the first 2880 bytes read/
		);
	});
});
