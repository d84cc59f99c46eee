import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFits } from '../../../src/lib/fits/write';
import { formatFitsDate } from '../../../src/lib/stacking/fits-time';
import { openFrame, sizeRejections, type OpenFrame } from '../../../src/lib/stacking/open-frames';
import { bytesSource } from '../../../src/lib/stacking/sources';
import type { FrameSource } from '../../../src/lib/stacking/types';
import { M94 } from './helpers';

const first = readdirSync(M94).sort()[0];

/** Counts the bytes read, to prove only the header is fetched. */
function counting(source: FrameSource) {
	let bytes = 0;
	return {
		source: { ...source, read: async (s: number, e: number) => ((bytes += e - s), source.read(s, e)) },
		bytesRead: () => bytes
	};
}

describe('openFrame', () => {
	it('reads a Seestar frame’s layout and metadata from its header alone', async () => {
		const { source, bytesRead } = counting(bytesSource(first, readFileSync(join(M94, first))));
		const opened = await openFrame(source, 3);
		if (!('frame' in opened)) throw new Error(opened.reason);
		const { layout, meta } = opened.frame;
		expect([layout.width, layout.height, layout.bitpix, layout.bzero, layout.bayer]).toEqual([1080, 1920, 16, 32768, 'GRBG']);
		expect(layout.dataOffset).toBe(2 * 2880); // 43 cards + END fill two blocks
		expect(meta.exptime).toBe(10);
		expect(formatFitsDate(meta.start!)).toBe('2025-03-27T05:45:00.734589');
		expect(meta.telescop).toBe('S50_1d3fe189');
		expect(opened.index).toBe(3);
		expect(bytesRead()).toBeLessThan(100_000);
	});

	it('reads on when a header is longer than the first read', async () => {
		const cards = Array.from({ length: 1000 }, (_, i) => ({ key: 'HISTORY', value: null, comment: `line ${i}` }));
		const bytes = writeFits([{ kind: 'primary-image', bitpix: 16, width: 4, height: 3, data: new Array(12).fill(7), cards }]);
		const opened = await openFrame(bytesSource('long.fit', bytes), 0);
		expect('frame' in opened && opened.frame.layout.dataOffset).toBeGreaterThan(16 * 2880);
	});

	it('gives a reason for files that are not FITS or are cut short', async () => {
		const text = await openFrame(bytesSource('notes.fit', new TextEncoder().encode('hello, these are my notes')), 0);
		expect('reason' in text && text.reason).toMatch(/not a FITS file/);
		const cut = readFileSync(join(M94, first)).subarray(0, 100_000);
		const truncated = await openFrame(bytesSource('cut.fit', cut), 1);
		expect('reason' in truncated && truncated.reason).toMatch(/truncat|data|bytes/i);
		const empty = await openFrame(bytesSource('empty.fit', new Uint8Array(0)), 2);
		expect('reason' in empty && empty.reason).toMatch(/empty/);
	});
});

describe('sizeRejections', () => {
	const frame = (index: number, width: number, height: number) => ({ index, layout: { width, height } }) as OpenFrame;

	it('rejects frames whose size differs from the majority, naming both sizes', () => {
		const out = sizeRejections([frame(0, 100, 50), frame(1, 1080, 1920), frame(2, 1080, 1920)]);
		expect([...out]).toEqual([[0, 'image is 100 x 50 pixels; the other frames are 1080 x 1920']]);
	});

	it('breaks a tie in favour of the first frame', () => {
		expect([...sizeRejections([frame(0, 10, 10), frame(1, 20, 20)]).keys()]).toEqual([1]);
	});
});
