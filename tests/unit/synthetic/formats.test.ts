import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Bitpix } from '../../../src/lib/fits';
import { generateSet } from '../../synthetic';
import { frameMedian, loadFrame } from './measure';

const tmp = mkdtempSync(join(tmpdir(), 'synthetic-fmt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function fitsverify(path: string): string {
	return execFileSync('fitsverify', ['-q', path], { encoding: 'utf8' });
}

describe('generateSet formats', () => {
	it('defaults to one full-size Seestar frame: 1080 x 1920, BITPIX 16, BZERO 32768, GRBG', () => {
		const set = generateSet({ dir: join(tmp, 'full'), count: 1 });
		const path = join(set.dir, set.frames[0].file);
		const f = loadFrame(set.dir, set.frames[0].file);
		expect([f.raw.width, f.raw.height, f.raw.bitpix, f.raw.bzero, f.raw.bayer]).toEqual([1080, 1920, 16, 32768, 'GRBG']);
		// Two header blocks: the Seestar's cards and the true WCS take more than 36 cards.
		expect(statSync(path).size).toBe(2 * 2880 + 1080 * 1920 * 2);
		expect(set.frames[0].file).toMatch(/^Light_.+_10\.0s_IRCUT_\d{8}-\d{6}\.fit$/);
		expect(set.frames[0].trail || set.frames[0].clouded).toBe(false);
		// Sky near the real frames' ~700 ADU.
		expect(frameMedian(f)).toBeGreaterThan(550);
		expect(frameMedian(f)).toBeLessThan(850);
		expect(fitsverify(path)).toMatch(/OK/);
	});

	for (const bitpix of [8, 32, -32, -64] as Bitpix[]) {
		it(`writes BITPIX ${bitpix}`, () => {
			const set = generateSet({ dir: join(tmp, `b${bitpix}`), count: 1, width: 64, height: 96, bitpix });
			const f = loadFrame(set.dir, set.frames[0].file);
			expect(f.raw.bitpix).toBe(bitpix);
			expect(f.raw.bzero).toBe(0);
			const sky = frameMedian(f);
			// 8 bits hold ADU / 256.
			expect(bitpix === 8 ? sky * 256 : sky).toBeGreaterThan(500);
			expect(fitsverify(join(set.dir, set.frames[0].file))).toMatch(/OK/);
		});
	}

	it('writes a mono frame without BAYERPAT, and other Bayer patterns', () => {
		const mono = generateSet({ dir: join(tmp, 'mono'), count: 1, width: 64, height: 64, bayer: null });
		const f = loadFrame(mono.dir, mono.frames[0].file);
		expect(f.raw.bayer).toBeNull();
		expect(f.raw.header.has('BAYERPAT')).toBe(false);
		const rggb = generateSet({ dir: join(tmp, 'rggb'), count: 1, width: 64, height: 64, bayer: 'RGGB' });
		expect(loadFrame(rggb.dir, rggb.frames[0].file).raw.bayer).toBe('RGGB');
	});

	it('refuses bad options, naming the value and what is supported', () => {
		const dir = join(tmp, 'bad');
		expect(() => generateSet({ dir, count: 0 })).toThrow(/count = 0 is not supported; use an integer from 1/);
		expect(() => generateSet({ dir, count: 2, trailFrame: 2 })).toThrow(/trailFrame = 2 .* -1 \(none\) or a frame index from 0 to 1/);
		expect(() => generateSet({ dir, count: 2, bayer: 'RGBG' as 'RGGB' })).toThrow(/bayer = "RGBG" .* RGGB, BGGR, GRBG, GBRG or null/);
		expect(() => generateSet({ dir, count: 2, bitpix: 64 as 16 })).toThrow(/bitpix = 64/);
		expect(() => generateSet({ dir, count: 2, exptimes: [] })).toThrow(/exptimes/);
		expect(() => generateSet({ dir, count: 2, width: 8 })).toThrow(/at least 32 x 32/);
		expect(() => generateSet({ dir, count: 2, catalog: [{ ra: Number.NaN, dec: 0, vt: 10, row: 1, bv: null }] })).toThrow(/catalog = .* catalogue stars/);
	});
});
