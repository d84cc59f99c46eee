/** scrubLocation and setPrimaryCards on real Seestar frames and hand-made headers; astropy reads the results. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_BYTES, LocationScrubber, parseHeader, scrubLocation, setPrimaryCards } from '$lib/fits';

const SEESTAR = fileURLToPath(new URL('../../../../shared/data/seestar/', import.meta.url));
let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'crowdsky-fits-helpers-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function frame(folder: string): Promise<Uint8Array> {
	const name = (await readdir(join(SEESTAR, folder))).filter((n) => n.endsWith('.fit')).sort()[0];
	return new Uint8Array(await readFile(join(SEESTAR, folder, name)));
}

/** A primary header of the given 80-column lines (END added), padded to whole blocks, plus one data block. */
function handMade(lines: string[]): Uint8Array {
	const cards = ['SIMPLE  =                    T', 'BITPIX  =                    8', 'NAXIS   =                    1', 'NAXIS1  =                   10', ...lines, 'END'];
	const text = cards.map((c) => c.padEnd(80)).join('');
	const header = text.padEnd(Math.ceil(text.length / BLOCK_BYTES) * BLOCK_BYTES);
	const out = new Uint8Array(header.length + BLOCK_BYTES);
	for (let i = 0; i < header.length; i++) out[i] = header.charCodeAt(i);
	out.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], header.length);
	return out;
}

/** astropy's view of a file: the primary header's keys (HIERARCH without the prefix) and the sum of HDU 0 or 1. */
function astropy(path: string): { keys: string[]; sum: number } {
	const script = `import sys, json\nfrom astropy.io import fits\nwith fits.open(sys.argv[1]) as f:\n  h = f[0].header\n  d = f[0].data if f[0].data is not None else f[1].data\n  print(json.dumps({"keys": [k for k in h.keys() if k], "sum": float(d.astype("float64").sum())}))`;
	return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' }));
}

describe('scrubLocation', () => {
	it('blanks SITELAT/SITELONG of a real frame in place; astropy reads the same data', async () => {
		const original = await frame('M94_set2_20250327');
		const scrubbed = original.slice();
		const { removed, headerEnd } = scrubLocation(scrubbed);
		expect(removed.sort()).toEqual(['SITELAT', 'SITELONG']);
		expect(scrubbed.length).toBe(original.length);
		expect(Buffer.from(scrubbed.subarray(headerEnd)).equals(Buffer.from(original.subarray(headerEnd)))).toBe(true);
		const before = parseHeader(original).header;
		const after = parseHeader(scrubbed).header;
		expect(after.has('SITELAT') || after.has('SITELONG')).toBe(false);
		expect(after.cards.filter((c) => c.key !== '').length).toBe(before.cards.filter((c) => c.key !== '').length - 2);
		const [a, b] = [join(dir, 'orig.fit'), join(dir, 'scrubbed.fit')];
		await writeFile(a, original);
		await writeFile(b, scrubbed);
		const [viewA, viewB] = [astropy(a), astropy(b)];
		expect(viewA.keys).toContain('SITELAT');
		expect(viewB.keys).not.toContain('SITELAT');
		expect(viewB.sum).toBe(viewA.sum);
	});

	it('blanks SITEELEV, OBSGEO-* and HIERARCH site cards, keeps lookalikes', () => {
		const file = handMade([
			"OBJECT  = 'SITE 42 '",
			'SITEELEV=                 12.5',
			'OBSGEO-B=                 48.1',
			'OBSGEO-X=             4100000.',
			'HIERARCH ESO TEL GEOLAT = -24.6',
			'HIERARCH SITE LONGITUDE = 10.1',
			'HIERARCH ESO DET CHIP = 3',
			'COMMENT SITELAT was here'
		]);
		const { removed } = scrubLocation(file);
		expect(removed).toEqual(['SITEELEV', 'OBSGEO-B', 'OBSGEO-X', 'HIERARCH ESO TEL GEOLAT', 'HIERARCH SITE LONGITUDE']);
		const header = parseHeader(file).header;
		expect(header.string('OBJECT')).toBe('SITE 42');
		expect(header.number('ESO DET CHIP')).toBe(3);
		expect(header.has('ESO TEL GEOLAT')).toBe(false);
	});

	it('blanks the observer and site names; replaces TELESCOP in place by the pseudonym of its value', () => {
		const file = handMade([
			"TELESCOP= 'S50_1d3fe189'       / Telescope name",
			"OBSERVER= 'Jane Stargazer'",
			"SITENAME= 'Backyard'",
			"HIERARCH OBSERVER NAME = 'Jane'",
			"INSTRUME= 'Seestar S50'"
		]);
		const length = file.length;
		const { removed } = scrubLocation(file, { telescope: (real) => `P-${real.length}` });
		expect(removed).toEqual(['OBSERVER', 'SITENAME', 'HIERARCH OBSERVER NAME']);
		expect(file.length).toBe(length);
		const header = parseHeader(file).header;
		expect(header.string('TELESCOP')).toBe('P-12');
		expect(header.string('INSTRUME')).toBe('Seestar S50');
		expect(Buffer.from(file).toString('latin1')).not.toMatch(/Jane|Backyard|1d3fe189/);
		// Without a pseudonym the telescope stays (the owner's stack, a telescope-made upload).
		const kept = handMade(["TELESCOP= 'S50_1d3fe189'"]);
		scrubLocation(kept);
		expect(parseHeader(kept).header.string('TELESCOP')).toBe('S50_1d3fe189');
	});
});

describe('LocationScrubber', () => {
	it('gives the bytes scrubLocation gives, however the file is cut into chunks, and leaves the chunks alone', async () => {
		const original = await frame('M94_set2_20250327');
		const expected = original.slice();
		scrubLocation(expected);
		for (const size of [1000, 2880, 65536, original.length]) {
			const copy = original.slice();
			const scrubber = new LocationScrubber();
			const out: Uint8Array[] = [];
			for (let at = 0; at < copy.length; at += size) out.push(...scrubber.push(copy.subarray(at, at + size)));
			out.push(...scrubber.end());
			expect(Buffer.concat(out).equals(Buffer.from(expected))).toBe(true);
			expect(Buffer.from(copy).equals(Buffer.from(original))).toBe(true);
		}
	});

	it('passes a file too short to hold its header on unchanged', async () => {
		const short = (await frame('M94_set2_20250327')).slice(0, 1000);
		const scrubber = new LocationScrubber();
		expect(scrubber.push(short)).toEqual([]);
		expect(scrubber.end()).toEqual([short]);
	});
});

describe('setPrimaryCards', () => {
	it('replaces a card where it stands, adds new ones before END, keeps the data', () => {
		const file = handMade(["OBJECT  = 'M 94    '", 'EXPTIME =                  10.']);
		const out = setPrimaryCards(file, [
			{ key: 'EXPTIME', value: 60, comment: 'total' },
			{ key: 'SITELAT', value: 32.8965 }
		]);
		expect(out.length).toBe(file.length);
		const { header, end } = parseHeader(out);
		expect(header.cards.map((c) => c.key)).toEqual(['SIMPLE', 'BITPIX', 'NAXIS', 'NAXIS1', 'OBJECT', 'EXPTIME', 'SITELAT']);
		expect(header.number('EXPTIME')).toBe(60);
		expect(header.number('SITELAT')).toBeCloseTo(32.8965, 6);
		expect([...out.subarray(end, end + 10)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('grows a full header by one block; astropy reads cards and data', async () => {
		const filler = Array.from({ length: 31 }, (_, i) => `KEY${i}`.padEnd(8) + `=                    ${i}`);
		const file = handMade(filler); // 4 + 31 + END = 36 cards: exactly one block
		expect(parseHeader(file).end).toBe(BLOCK_BYTES);
		const out = setPrimaryCards(file, [{ key: 'SITELONG', value: -79.7625 }]);
		expect(out.length).toBe(file.length + BLOCK_BYTES);
		const path = join(dir, 'grown.fits');
		await writeFile(path, out);
		const view = astropy(path);
		expect(view.keys).toContain('SITELONG');
		expect(view.sum).toBe(55);
	});
});
