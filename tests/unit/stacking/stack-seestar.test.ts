import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { createNodePool } from '../../../src/lib/stacking/pool/node-pool';
import type { KernelPool } from '../../../src/lib/stacking/pool/types';
import { bytesSource } from '../../../src/lib/stacking/sources';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import type { StackReport } from '../../../src/lib/stacking/types';
import { astropyView, fitsverify, floatPlane, folderSources, hdusByName, M94, NGC7023 } from './helpers';
import { realStack } from './real-stack';

const tmp = mkdtempSync(join(tmpdir(), 'crowdsky-stack-'));
let pool: KernelPool;
let m94: { fits: Uint8Array; report: StackReport };

beforeAll(async () => {
	pool = createLocalPool(loadKernel());
	m94 = await realStack(M94);
}, 120_000);
afterAll(() => pool.close());

describe('stacking the six M 94 frames', () => {
	it('aligns all six onto one reference and reports each', () => {
		const { report } = m94;
		expect(report.counts).toEqual({ input: 6, aligned: 6, rejected: 0 });
		expect(report.frames.map((f) => f.file)).toContain(report.reference);
		for (const f of report.frames) {
			expect(f.status).toBe('aligned');
			expect(f.stars).toBeGreaterThan(15);
			expect(f.fwhm).toBeGreaterThan(1);
			expect(f.transform).toHaveLength(2);
			expect(f.transform!.every((row) => row.length === 3 && row.every(Number.isFinite))).toBe(true);
		}
		const ref = report.frames.find((f) => f.file === report.reference)!;
		expect(ref.transform).toEqual([
			[1, 0, 0],
			[0, 1, 0]
		]);
		expect(report.exposure).toBe(60);
		expect(report.peakMemory).toBeGreaterThan(0);
		expect(report.timings.analyse.ms).toBeGreaterThan(0);
	});

	it('lines the frames up: stars in the stack are as sharp as in one frame', () => {
		// Misregistered frames would blur every star of the stack; the stack's FWHM (arcsec in the header)
		// stays close to the single frames' median FWHM (pixels in the report).
		const header = hdusByName(m94.fits).get('PRIMARY')!.header;
		const stackFwhmPx = header.number('FWHM')! / header.number('PIXSCALE')!;
		const frameFwhm = m94.report.frames.map((f) => f.fwhm!).sort((a, b) => a - b)[3];
		expect(stackFwhmPx).toBeLessThan(1.2 * frameFwhm);
		expect(m94.report.stackStars).toBeGreaterThan(Math.max(...m94.report.frames.map((f) => f.stars!)));
	});

	it('writes the stack layout downstream tools read', () => {
		const hdus = hdusByName(m94.fits);
		expect([...hdus.keys()]).toEqual(['PRIMARY', 'RED', 'GREEN', 'BLUE', 'FOOTPRINT', 'STAR-TAB']);
		const h = hdus.get('PRIMARY')!.header;
		expect(h.number('NAXIS')).toBe(0);
		expect(h.number('NIMAGES')).toBe(6);
		expect(h.number('OBSTOTAL')).toBe(6);
		expect(h.number('EXPTIME')).toBe(60);
		expect(h.number('EXPOSURE')).toBe(60);
		expect(h.has('BAYERPAT')).toBe(false);
		expect(h.has('TOTALEXP')).toBe(false);
		expect(h.string('TELESCOP')).toBe('S50_1d3fe189');
		expect(h.string('DATE-OBS')).toBe('2025-03-27T05:45:00.734589');
		expect(h.string('OB-START')).toBe('2025-03-27T05:45:00.734589');
		// the last frame starts at 05:46:04.0779 and exposes 10 s
		expect(h.string('OB-END')).toMatch(/^2025-03-27T05:46:14\.\d{6}$/);
		for (const key of ['OBJECT', 'RA', 'DEC', 'FILTER', 'INSTRUME', 'CCD-TEMP', 'GAIN', 'SITELAT', 'SITELONG', 'STACKMET', 'PROCDATE'])
			expect(h.has(key), key).toBe(true);
		expect(h.number('PIXSCALE')).toBeCloseTo(2.3927, 3);
		// Stacked without a catalogue: written unsolved, saying why, with no WCS or zero point.
		expect(h.get('PLTSOLVD')).toBe(false);
		expect(h.string('PLTREASN')).toBe('no star catalogue was given to the stacker');
		for (const key of ['CTYPE1', 'CD1_1', 'ZPR', 'ZPNSTAR']) expect(h.has(key), key).toBe(false);
		expect(m94.report.solve).toEqual({ solved: false, reason: 'no star catalogue was given to the stacker' });
		for (const name of ['RED', 'GREEN', 'BLUE', 'FOOTPRINT']) {
			const x = hdus.get(name)!.header;
			expect([x.number('NAXIS1'), x.number('NAXIS2'), x.number('BITPIX')]).toEqual([1080, 1920, name === 'FOOTPRINT' ? 16 : -32]);
		}
		const stars = hdus.get('STAR-TAB')!.header;
		expect([1, 2, 3, 4, 5, 6, 7].map((i) => stars.string(`TTYPE${i}`))).toEqual(['x', 'y', 'flux', 'a', 'b', 'theta', 'flag']);
		expect(stars.number('NAXIS2')).toBe(m94.report.stackStars);
	});

	it('passes fitsverify and opens in astropy', () => {
		const path = join(tmp, 'm94.fits');
		writeFileSync(path, m94.fits);
		const verify = fitsverify(path);
		expect(verify.errors, verify.text).toBe(0);
		const view = astropyView(path);
		expect(view.hdus).toEqual([
			['PRIMARY', []],
			['RED', [1920, 1080]],
			['GREEN', [1920, 1080]],
			['BLUE', [1920, 1080]],
			['FOOTPRINT', [1920, 1080]],
			['STAR-TAB', [m94.report.stackStars]]
		]);
		expect(view.header.NIMAGES).toBe(6);
		expect(view.starCols).toEqual(['x', 'y', 'flux', 'a', 'b', 'theta', 'flag', 'ra', 'dec', 'cat_id', 'cat_mag', 'match_dist']);
	});

	it('keeps the sky at the reference frame’s level', () => {
		const hdus = hdusByName(m94.fits);
		const ref = m94.report.frames.find((f) => f.file === m94.report.reference)!;
		['RED', 'GREEN', 'BLUE'].forEach((name, c) => {
			const plane = floatPlane(m94.fits, hdus.get(name)!).filter(Number.isFinite).sort();
			const median = plane[plane.length >> 1];
			expect(Math.abs(median - ref.background![c])).toBeLessThan(0.5 * ref.noise![c]);
		});
	});

	it('clips few samples of six clean frames: the rejection floor is the noise of the planes the stack resamples', () => {
		// kappa 3 on a floor measured on other (bilinear, smoother) planes than the stack's (MHC) clipped
		// 0.78 % of all samples and left 12-17 % of the zero points' sky annuli short of NIMAGES; 0.09 % now
		const { report } = m94;
		const samples = report.width * report.height * report.counts.aligned * 3;
		expect(report.rejectedSamples / samples).toBeLessThan(0.003);
	});

	it('gives the same bytes on a second run, and on two worker threads with other bands', async () => {
		const again = await stackFrames(await folderSources(M94), pool);
		expect(Buffer.from(again.fits).equals(Buffer.from(m94.fits))).toBe(true);
		const workers = createNodePool(2);
		try {
			const threaded = await stackFrames(await folderSources(M94), workers, { bandMemoryBytes: 8 * 2 ** 20 });
			expect(threaded.report.threads).toBe(2);
			expect(Buffer.from(threaded.fits).equals(Buffer.from(m94.fits))).toBe(true);
		} finally {
			await workers.close();
		}
	});

	it('reports a file that is not FITS by name and stacks the rest', async () => {
		const notes = bytesSource('observing notes.txt', new TextEncoder().encode('seeing 3/5, some cirrus\n'));
		const sources = await folderSources(M94);
		const { fits, report } = await stackFrames([sources[0], notes, ...sources.slice(1)], pool);
		expect(report.counts).toEqual({ input: 7, aligned: 6, rejected: 1 });
		const rejected = report.frames[1];
		expect(rejected).toMatchObject({ file: 'observing notes.txt', status: 'rejected', transform: null });
		expect(rejected.reason).toMatch(/not a FITS file/);
		const h = hdusByName(fits).get('PRIMARY')!.header;
		expect([h.number('NIMAGES'), h.number('OBSTOTAL')]).toEqual([6, 7]);
	});
});

describe('stacking NGC 7023 from two nights (4 x 10 s, 2 x 20 s)', () => {
	let ngc: { fits: Uint8Array; report: StackReport };
	beforeAll(async () => {
		ngc = await stackFrames(await folderSources(NGC7023), pool);
	}, 120_000);

	it('aligns every frame or says why not', () => {
		for (const f of ngc.report.frames) {
			if (f.status === 'rejected') expect(f.reason).toMatch(/\w+/);
			else expect(f.reason).toBeNull();
		}
		expect(ngc.report.counts.aligned).toBeGreaterThanOrEqual(2);
	});

	it('finds the same field rotation for the four frames of one night', () => {
		// The 2024 frames lie rotated by about 120 degrees against the 2025 pair (another mount mode); within a
		// night the four must agree on the rotation to a small fraction of a degree.
		const night = ngc.report.frames.filter((f) => f.file.includes('20240730') && f.status === 'aligned');
		const angles = night.map((f) => (Math.atan2(f.transform![1][0], f.transform![0][0]) * 180) / Math.PI);
		for (const a of angles) expect(Math.abs(a - angles[0])).toBeLessThan(0.2);
	});

	it('puts 10 s and 20 s frames on one scale and adds up the exposure', () => {
		const h = hdusByName(ngc.fits).get('PRIMARY')!.header;
		const aligned = ngc.report.frames.filter((f) => f.status === 'aligned');
		expect(h.number('EXPTIME')).toBe(aligned.reduce((s, f) => s + f.exptime!, 0));
		expect(h.number('NIMAGES')).toBe(aligned.length);
		const ref = ngc.report.frames.find((f) => f.file === ngc.report.reference)!;
		for (const f of aligned) {
			// flux scale ~ reference exposure / frame exposure, within the night-to-night transparency
			const expected = ref.exptime! / f.exptime!;
			expect(f.scale! / expected).toBeGreaterThan(0.5);
			expect(f.scale! / expected).toBeLessThan(2);
		}
	});
});
