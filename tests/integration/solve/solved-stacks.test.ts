/**
 * Every real Seestar set stacks into a solved stack, and so does each single frame; each solution
 * is checked independently. solve-field (astrometry.net, index 4108) solves the stack's GREEN
 * plane from its own star detection; the reference WCS is astropy's TAN fit on every catalogue
 * star solve-field places in the field (its .rdls) matched to the stack's stars, not
 * solve-field's own WCS, which rests on a handful of stars. The zero points are measured again
 * with numpy, STAR-TAB's ra/dec through astropy.wcs, the file with fitsverify.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskCatalogSource } from '$lib/catalog/disk-source';
import { writeFits } from '$lib/fits/write';
import { loadKernel } from '$lib/stacking/kernel/node';
import { createLocalPool } from '$lib/stacking/pool/local-pool';
import { stackFrames } from '$lib/stacking/stack-frames';
import type { KernelPool, StackReport } from '$lib/stacking';
import { fileSource } from '$lib/runner/file-source';
import { fitsverify, floatPlane, hdusByName, M94, NGC7023 } from '../../unit/stacking/helpers';

const PYTHON = '/usr/bin/python3';
const CHECK = join(import.meta.dirname, 'check_stack.py');

const frames = (dir: string, match: string) =>
	readdirSync(dir)
		.filter((f) => f.endsWith('.fit') && f.includes(match))
		.sort()
		.map((f) => join(dir, f));
const m94 = frames(M94, '');
const ngc2024 = frames(NGC7023, '_2024');
const ngc2025 = frames(NGC7023, '_2025');

/** The two NGC 7023 nights are separate stacks; each set's first frame alone is a stack of one. */
const SETS: { name: string; files: string[] }[] = [
	{ name: 'm94', files: m94 },
	{ name: 'ngc7023-2024', files: ngc2024 },
	{ name: 'ngc7023-2025', files: ngc2025 },
	{ name: 'm94-single', files: m94.slice(0, 1) },
	{ name: 'ngc7023-2024-single', files: ngc2024.slice(0, 1) },
	{ name: 'ngc7023-2025-single', files: ngc2025.slice(0, 1) }
];

interface Stacked {
	path: string;
	report: StackReport;
	header: Map<string, unknown>;
}

let tmp: string;
let pool: KernelPool;
const stacks = new Map<string, Stacked>();

function python<T>(...args: string[]): T {
	return JSON.parse(execFileSync(PYTHON, [CHECK, ...args], { encoding: 'utf8', maxBuffer: 16 << 20 }));
}

/** solve-field on the stack's GREEN plane, near the header's pointing; returns its output base path. */
function solveField(name: string, fits: Uint8Array, ra: number, dec: number): string {
	const hdus = hdusByName(fits);
	const green = hdus.get('GREEN')!;
	const width = green.header.number('NAXIS1')!;
	const height = green.header.number('NAXIS2')!;
	const plane = join(tmp, `${name}-green.fits`);
	writeFileSync(plane, writeFits([{ kind: 'primary-image', bitpix: -32, width, height, data: floatPlane(fits, green), cards: [] }]));
	const dir = join(tmp, `${name}-sf`);
	execFileSync(
		'solve-field',
		['--overwrite', '--no-plots', '--new-fits', 'none', '--dir', dir, '--scale-units', 'arcsecperpix', '--scale-low', '2.2', '--scale-high', '2.6', '--ra', String(ra), '--dec', String(dec), '--radius', '3', '--cpulimit', '60', plane],
		{ encoding: 'utf8' }
	);
	return join(dir, `${name}-green`);
}

beforeAll(async () => {
	tmp = mkdtempSync(join(tmpdir(), 'solved-stacks-'));
	pool = createLocalPool(await loadKernel());
	const catalog = diskCatalogSource('static/catalog');
	for (const set of SETS) {
		const { fits, report } = await stackFrames(await Promise.all(set.files.map(fileSource)), pool, { catalog });
		const path = join(tmp, `${set.name}.fits`);
		writeFileSync(path, fits);
		const primary = hdusByName(fits).get('PRIMARY')!.header;
		const keys = ['PLTSOLVD', 'PLTREASN', 'PLTRMS', 'PLTSTARS', 'RA', 'DEC', 'ZPR', 'ZPG', 'ZPB', 'ZPRSIG', 'ZPGSIG', 'ZPBSIG', 'ZPNSTAR', 'NIMAGES'];
		stacks.set(set.name, { path, report, header: new Map(keys.map((k) => [k, primary.get(k)])) });
	}
}, 300_000);

afterAll(() => {
	pool?.close();
	rmSync(tmp, { recursive: true, force: true });
});

describe.each(SETS.map((s) => s.name))('the %s stack', (name) => {
	it('is solved, the matched stars within 0.6″ RMS', () => {
		const { report, header } = stacks.get(name)!;
		console.log(`${name}: ${header.get('NIMAGES')} frames, solve stage ${report.timings.solve.ms} ms,`, JSON.stringify(report.solve));
		expect(header.get('PLTSOLVD'), String(header.get('PLTREASN'))).toBe(true);
		expect(header.get('PLTRMS')).toBeLessThanOrEqual(0.6);
	});

	it('is within 1″ of the catalogue reference at the centre and the four corners', () => {
		const { path, header } = stacks.get(name)!;
		expect(header.get('PLTSOLVD'), String(header.get('PLTREASN'))).toBe(true);
		const base = solveField(name, new Uint8Array(readFileSync(path)), header.get('RA') as number, header.get('DEC') as number);
		const check = python<{ catalogStars: number; pairs: number; referenceRms: number; vsReference: number[]; vsSolveField: number[] }>('reference', path, `${base}.wcs`, `${base}.rdls`);
		console.log(`${name}: reference TAN on ${check.pairs}/${check.catalogStars} catalogue stars (RMS ${check.referenceRms.toFixed(3)}″);`,
			`ours vs reference at centre, corners: ${check.vsReference.map((v) => v.toFixed(3)).join(', ')}″;`,
			`vs solve-field's own WCS: ${check.vsSolveField.map((v) => v.toFixed(3)).join(', ')}″`);
		expect(check.pairs).toBeGreaterThanOrEqual(8);
		for (const sep of check.vsReference) expect(sep).toBeLessThan(1);
	});

	it('has zero points that numpy aperture photometry of its flagged stars reproduces within 0.05 mag', () => {
		const { path, header } = stacks.get(name)!;
		const measured = python<{ stars: number; ZPR: number; ZPG: number; ZPB: number }>('photometry', path);
		console.log(`${name}: ZP R/G/B ${['ZPR', 'ZPG', 'ZPB'].map((k) => `${header.get(k)} ± ${header.get(`${k}SIG`)}`).join(', ')} on ${header.get('ZPNSTAR')} stars; numpy: ${measured.ZPR.toFixed(4)}, ${measured.ZPG.toFixed(4)}, ${measured.ZPB.toFixed(4)}`);
		expect(measured.stars).toBe(header.get('ZPNSTAR'));
		expect(measured.stars).toBeGreaterThanOrEqual(3);
		for (const key of ['ZPR', 'ZPG', 'ZPB'] as const) expect(Math.abs(measured[key] - (header.get(key) as number))).toBeLessThan(0.05);
	});

	it('passes fitsverify, and astropy.wcs maps STAR-TAB x, y to its ra, dec within 0.01″', () => {
		const { path } = stacks.get(name)!;
		const verify = fitsverify(path);
		expect(verify.errors + verify.warnings, verify.text).toBe(0);
		const columns = python<{ rows: number; worstArcsec: number; solved: boolean }>('columns', path);
		console.log(`${name}: STAR-TAB ra/dec vs astropy.wcs, worst of ${columns.rows}: ${columns.worstArcsec.toExponential(2)}″`);
		expect(columns.solved).toBe(true);
		expect(columns.worstArcsec).toBeLessThan(0.01);
	});
});

describe('the NGC 7023 2024 frames’ own plate solution', () => {
	it('agrees with the stack solved on those frames', () => {
		for (const name of ['ngc7023-2024', 'ngc7023-2024-single']) {
			const { path, report } = stacks.get(name)!;
			const frame = join(NGC7023, report.reference!);
			const { vsFrame } = python<{ vsFrame: number[] }>('header', path, frame);
			console.log(`${name}: ours vs ${report.reference}'s header WCS at centre, corners: ${vsFrame.map((v) => v.toFixed(2)).join(', ')}″`);
			for (const sep of vsFrame) expect(sep).toBeLessThan(3);
		}
	});
});
