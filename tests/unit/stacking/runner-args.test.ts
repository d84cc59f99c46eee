import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStackArgs } from '../../../src/lib/runner/args';
import { expandInputs } from '../../../src/lib/runner/inputs';
import { progressReporter } from '../../../src/lib/runner/progress';

describe('parseStackArgs', () => {
	it('reads inputs and options in any order, with or without =', () => {
		expect(parseStackArgs(['a.fit', '--out', 's.fits', 'dir', '--threads=3', '--report', 'r.json'])).toEqual({
			inputs: ['a.fit', 'dir'],
			out: 's.fits',
			report: 'r.json',
			threads: 3
		});
	});

	it('says what is missing or wrong', () => {
		expect(() => parseStackArgs(['a.fit'])).toThrow(/--out is required/);
		expect(() => parseStackArgs(['--out', 's.fits'])).toThrow(/no input files/);
		expect(() => parseStackArgs(['a.fit', '--out'])).toThrow(/--out needs a value/);
		expect(() => parseStackArgs(['a.fit', '--out', 's', '--threads', '0'])).toThrow(/--threads must be a positive integer, got "0"/);
		expect(() => parseStackArgs(['a.fit', '--out', 's', '--fast'])).toThrow(/unknown option --fast/);
	});
});

describe('expandInputs', () => {
	it('expands folders to their FITS files sorted by name and keeps named files as given', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'crowdsky-inputs-'));
		for (const name of ['b frame.fit', 'a.FITS', 'notes.txt', 'c.fit']) writeFileSync(join(dir, name), '');
		mkdirSync(join(dir, 'sub.fit'));
		writeFileSync(join(dir, 'notes2.txt'), '');
		const files = await expandInputs([dir, join(dir, 'notes2.txt')]);
		expect(files).toEqual([join(dir, 'a.FITS'), join(dir, 'b frame.fit'), join(dir, 'c.fit'), join(dir, 'notes2.txt')]);
		await expect(expandInputs([join(dir, 'missing.fit')])).rejects.toThrow(/input not found: .*missing\.fit/);
	});
});

describe('progressReporter', () => {
	it('prints one line per stage start and end when not on a terminal', () => {
		const lines: string[] = [];
		let t = 0;
		const p = progressReporter({ isTTY: false, write: (s) => lines.push(s) }, () => t);
		p.update({ stage: 'analyse', done: 0, total: 4 });
		for (let done = 1; done <= 4; done++) {
			t += 500;
			p.update({ stage: 'analyse', done, total: 4 });
		}
		p.finish();
		expect(lines).toEqual(['analyse  0/4\n', 'analyse  4/4  2.0 frames/s\n']);
	});

	it('redraws a bar in place on a terminal', () => {
		let text = '';
		const p = progressReporter({ isTTY: true, write: (s) => (text += s) }, () => 0);
		p.update({ stage: 'combine', done: 1, total: 2 });
		p.finish();
		expect(text).toContain(`\r[${'#'.repeat(12)}${'-'.repeat(12)}] combine  1/2`);
		expect(text.endsWith('\n')).toBe(true);
	});
});
