import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { frameInfoFromHeader, groupChunks, readFrameHeader, windowIndex, type FrameInfo } from '$lib/chunks';
import { fixed, handMadeFits, seestarFrames } from '../fits/helpers';

/** Reads the header with Blob.slice, as the browser does with a dropped File. */
async function frameOf(path: string): Promise<FrameInfo> {
	const blob = new Blob([readFileSync(path)]);
	const read = await readFrameHeader(blob);
	if ('reason' in read) throw new Error(`${path}: ${read.reason}`);
	const check = frameInfoFromHeader(read.header, basename(path), blob.size);
	if (!check.ok) throw new Error(`${path}: ${check.reason}`);
	return check.frame;
}

/** DATE-OBS of each file as astropy reads it, in ms since 1970 UTC (an independent reader). */
function astropyDates(paths: string[]): number[] {
	const script = [
		'import sys, json',
		'from astropy.io import fits',
		'from astropy.time import Time',
		"print(json.dumps([Time(fits.getheader(p)['DATE-OBS'], scale='utc').unix * 1000 for p in sys.argv[1:]]))"
	].join('\n');
	const run = spawnSync('/usr/bin/python3', ['-c', script, ...paths], { encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`astropy failed: ${run.stderr}`);
	return JSON.parse(run.stdout);
}

describe('the real Seestar frames', () => {
	const paths = seestarFrames();
	let frames: FrameInfo[];
	beforeAll(async () => {
		frames = await Promise.all(paths.map(frameOf));
	});
	const m94 = () => frames.filter((f) => f.object === 'M 94');
	const ngc7023 = () => frames.filter((f) => f.object === 'NGC 7023');

	it('all 12 are read, with DATE-OBS as astropy reads it (to the ms, truncated)', () => {
		expect(paths).toHaveLength(12);
		expect(m94()).toHaveLength(6);
		expect(ngc7023()).toHaveLength(6);
		const expected = astropyDates(paths);
		frames.forEach((f, i) => expect(f.dateObs).toBe(Math.floor(expected[i] + 1e-3)));
	});

	it('the time in the file name (the telescope\'s local time) is not used', () => {
		// "…_20250327-014513.fit" was taken at 05:45:00.73 UTC (the name is 4 h behind).
		const first = frames.find((f) => f.name.endsWith('20250327-014513.fit'))!;
		expect(new Date(first.dateObs).toISOString()).toBe('2025-03-27T05:45:00.734Z');
	});

	it('M 94: one chunk at 15 min, 20250327.23_193.1_+41.0 (05:45 UTC = 20700 s; 20700 / 900 = 23)', () => {
		const chunks = groupChunks(m94(), 15);
		expect(chunks).toHaveLength(1);
		const [chunk] = chunks;
		expect(chunk.key).toBe('20250327.23_193.1_+41.0');
		expect(chunk.telescope).toBe('S50_1d3fe189');
		expect(chunk.object).toBe('M 94');
		expect(chunk.frames.map((f) => f.name)).toEqual(m94().map((f) => f.name).sort());
		expect(chunk.exposure).toBe(60);
		expect(new Date(chunk.start).toISOString()).toBe('2025-03-27T05:45:00.734Z');
		expect(new Date(chunk.end).toISOString()).toBe('2025-03-27T05:46:14.077Z');
	});

	it('M 94 at 1 min: split into the minutes its DATE-OBS fall in (05:45 and 05:46 = windows 345 and 346)', () => {
		const chunks = groupChunks(m94(), 1);
		expect(chunks.map((c) => [c.key, c.frames.length])).toEqual([
			['20250327.0345_193.1_+41.0', 5],
			['20250327.0346_193.1_+41.0', 1]
		]);
		for (const c of chunks) for (const f of c.frames) expect(windowIndex(f.dateObs, 1)).toBe(Number(c.key.slice(9, 13)));
	});

	it('NGC 7023 from two nights and two telescopes: two chunks', () => {
		const chunks = groupChunks(ngc7023(), 15);
		expect(chunks.map((c) => ({ key: c.key, telescope: c.telescope, frames: c.frames.length, exposure: c.exposure }))).toEqual([
			// 02:44:22 UTC = 9862 s → window 10; RA 315.499995, Dec 68.215556.
			{ key: '20240731.10_315.5_+68.2', telescope: 'Seestar S50', frames: 4, exposure: 40 },
			// 00:33:56 UTC = 2036 s → window 2; RA 315.57084, Dec 68.282778.
			{ key: '20250630.02_315.6_+68.3', telescope: 'S50_0753de24', frames: 2, exposure: 40 }
		]);
	});

	it('all 12 together: three chunks whatever the order', () => {
		const chunks = groupChunks(frames, 15);
		expect(chunks.map((c) => c.key)).toEqual(['20240731.10_315.5_+68.2', '20250327.23_193.1_+41.0', '20250630.02_315.6_+68.3']);
		expect(groupChunks([...frames].reverse(), 15)).toEqual(chunks);
	});
});

describe('readFrameHeader refuses what is not a FITS frame', () => {
	const real = seestarFrames()[0];

	async function reasonFor(bytes: Uint8Array): Promise<string> {
		const read = await readFrameHeader(new Blob([Uint8Array.from(bytes)]));
		if (!('reason' in read)) throw new Error('expected a reason');
		return read.reason;
	}

	it('a PNG renamed .fit', async () => {
		const png = new Uint8Array(4000);
		png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(await reasonFor(png)).toMatch(/^not a FITS file: it is a PNG image/);
	});

	it('an empty file', async () => {
		expect(await reasonFor(new Uint8Array(0))).toMatch(/the file is empty/);
	});

	it('a frame cut inside its header, and one cut inside its data', async () => {
		const bytes = new Uint8Array(readFileSync(real));
		expect(await reasonFor(bytes.subarray(0, 1000))).toMatch(/truncated/);
		expect(await reasonFor(bytes.subarray(0, 2 * 1024 * 1024))).toMatch(/declares 4147200 data bytes but the file has only/);
	});

	it('a header that claims a 4 GB image in a small file', async () => {
		const cards = [fixed('SIMPLE', 'T'), fixed('BITPIX', 16), fixed('NAXIS', 2), fixed('NAXIS1', 65536), fixed('NAXIS2', 32768)];
		expect(await reasonFor(handMadeFits(cards, new Uint8Array(100)))).toMatch(/declares 4294967296 data bytes/);
	});

	it('a header with no END card is read only up to the data, then refused', async () => {
		const cards = [fixed('SIMPLE', 'T'), fixed('BITPIX', 16), fixed('NAXIS', 0)];
		const noEnd = handMadeFits(cards, new Uint8Array(2880).fill(0x01), { end: false });
		expect(await reasonFor(noEnd)).toMatch(/byte 0x01/);
	});

	it('reads only the header blocks of a real frame', async () => {
		const sliced: [number, number][] = [];
		class CountingBlob extends Blob {
			slice(start?: number, end?: number): Blob {
				sliced.push([start ?? 0, end ?? this.size]);
				return super.slice(start, end);
			}
		}
		const spy = new CountingBlob([readFileSync(real)]);
		const read = await readFrameHeader(spy);
		expect('header' in read).toBe(true);
		// The Seestar header is two blocks (END in the second); nothing of the 4 MB of pixels is read.
		expect(sliced).toEqual([
			[0, 2880],
			[2880, 5760]
		]);
	});
});
