/**
 * solveFile on real Seestar files: a raw M 94 frame (kernel frame analysis), a telescope-style
 * cube made from it (kernel plane analysis), a frame carrying an older WCS in another form (the
 * old cards go), and a frame with no pointing (unsolved, with the reason). astropy reads the
 * written WCS independently.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { separationDeg } from '../../../src/lib/chunks/pointing';
import { parseHeader, removePrimaryCards, setPrimaryCards } from '../../../src/lib/fits';
import { solveFile } from '../../../src/lib/solve';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { footprint, pixelToSky, readWcs } from '../../../src/lib/wcs';
import { seestarCube } from './seestar-cube';

const FRAME = '/work/shared/data/seestar/M94_set2_20250327/Light_M 94_10.0s_IRCUT_20250327-014513.fit';
const [W, H] = [1080, 1920];
const catalog = diskCatalogSource('static/catalog');
const pool = createLocalPool(loadKernel());
const raw = new Uint8Array(readFileSync(FRAME));
afterAll(() => pool.close());

/** astropy's sky position (all_pix2world, 1-based) of each pixel through the file's primary header. */
function astropySky(fits: Uint8Array, pixels: [number, number][]): [number, number][] {
	const path = join(mkdtempSync(join(tmpdir(), 'solve-file-')), 'solved.fits');
	writeFileSync(path, fits);
	const script = `
import json, sys, warnings
from astropy.io import fits
from astropy.wcs import WCS
warnings.simplefilter('ignore')
print(json.dumps(WCS(fits.getheader(sys.argv[1])).all_pix2world(json.loads(sys.argv[2]), 1).tolist()))`;
	return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path, JSON.stringify(pixels)], { encoding: 'utf8' }));
}

const CHECKED: [number, number][] = [[1, 1], [1, H], [W, H], [W, 1], [(W + 1) / 2, (H + 1) / 2]];

describe('solveFile', () => {
	it('solves a raw M 94 frame and writes a WCS astropy reads to the same sky', async () => {
		const t0 = performance.now();
		const { bytes, result, kind } = await solveFile(pool, catalog, raw);
		console.log(`raw M 94 frame: ${(performance.now() - t0).toFixed(0)} ms`, result.solved ? { centre: result.centre, scale: result.scale, matches: result.matches, rms: result.rmsArcsec } : result.reason);
		expect(kind).toBe('raw');
		expect(result.solved, result.solved ? '' : result.reason).toBe(true);
		if (!result.solved) return;
		// solve-field on the six-frame stack (whose reference is this frame): (192.751672, 41.121984), 2.3763″/px, mirrored.
		expect(separationDeg(result.centre.ra, result.centre.dec, 192.751672, 41.121984) * 3600).toBeLessThan(10);
		expect(Math.abs(result.scale / 2.3763 - 1)).toBeLessThan(0.01);
		expect(result.parity).toBe('flipped');
		const header = parseHeader(bytes).header;
		expect(header.get('PLTSOLVD')).toBe(true);
		expect(header.get('PLTSTARS')).toBe(result.matches);
		const wcs = readWcs(header)!;
		const ours = CHECKED.map(([x, y]) => pixelToSky(wcs, x, y));
		const theirs = astropySky(bytes, CHECKED);
		const worst = Math.max(...ours.map((p, i) => separationDeg(p.ra, p.dec, theirs[i][0], theirs[i][1]) * 3600));
		console.log(`readWcs vs astropy, corners and centre: worst ${worst.toExponential(2)}″`);
		expect(worst).toBeLessThan(0.001);
		expect(footprint(wcs, W, H)).toHaveLength(4);
		// The pixels are untouched: the data start moved by whole header blocks only.
		expect(bytes.subarray(bytes.length - 1000)).toEqual(raw.subarray(raw.length - 1000));
	});

	it('solves a telescope-made 3-plane cube through the luminance of its planes', async () => {
		const { result, kind } = await solveFile(pool, catalog, seestarCube(raw));
		expect(kind).toBe('telescope');
		expect(result.solved, result.solved ? '' : result.reason).toBe(true);
		if (result.solved) expect(separationDeg(result.centre.ra, result.centre.dec, 192.751672, 41.121984) * 3600).toBeLessThan(10);
	});

	it('replaces the plate solver\'s PC/CDELT WCS of an NGC 7023 frame (2024) and agrees with it', async () => {
		const frame = new Uint8Array(readFileSync('/work/shared/data/seestar/NGC7023/Light_NGC 7023_10.0s_IRCUT_20240730-224436.fit'));
		const old = readWcs(parseHeader(frame).header)!;
		const { bytes, result } = await solveFile(pool, catalog, frame);
		expect(result.solved, result.solved ? '' : result.reason).toBe(true);
		const header = parseHeader(bytes).header;
		for (const key of ['PC1_1', 'CDELT1', 'LATPOLE']) expect(header.has(key), key).toBe(false);
		const ours = readWcs(header)!;
		const worst = Math.max(
			...CHECKED.map(([x, y]) => {
				const a = pixelToSky(ours, x, y);
				const b = pixelToSky(old, x, y);
				return separationDeg(a.ra, a.dec, b.ra, b.dec) * 3600;
			})
		);
		console.log(`NGC 7023 frame: our WCS vs the one it carried, worst of centre and corners ${worst.toFixed(2)}″`);
		expect(worst).toBeLessThan(2);
	});

	it('replaces an older WCS in PC/CDELT form with SIP terms, so the header reads as one form', async () => {
		const old = setPrimaryCards(raw, [
			{ key: 'CTYPE1', value: 'RA---TAN-SIP' }, { key: 'CTYPE2', value: 'DEC--TAN-SIP' },
			{ key: 'CRVAL1', value: 192.7 }, { key: 'CRVAL2', value: 41.1 }, { key: 'CRPIX1', value: 540.5 }, { key: 'CRPIX2', value: 960.5 },
			{ key: 'CDELT1', value: 1 }, { key: 'CDELT2', value: 1 }, { key: 'PC1_1', value: 6.6e-4 }, { key: 'PC1_2', value: 0 },
			{ key: 'PC2_1', value: 0 }, { key: 'PC2_2', value: 6.6e-4 }, { key: 'LATPOLE', value: 41.1 },
			{ key: 'A_ORDER', value: 2 }, { key: 'A_0_2', value: 1e-6 }, { key: 'B_ORDER', value: 2 }, { key: 'B_2_0', value: 1e-6 }
		]);
		const { bytes, result } = await solveFile(pool, catalog, old);
		expect(result.solved).toBe(true);
		const header = parseHeader(bytes).header;
		for (const key of ['CDELT1', 'PC1_1', 'PC2_2', 'LATPOLE', 'A_ORDER', 'A_0_2', 'B_2_0']) expect(header.has(key), key).toBe(false);
		expect(readWcs(header)?.sip).toBeUndefined();
	});

	it('leaves a frame without a pointing unsolved, with the reason in PLTREASN', async () => {
		const blind = removePrimaryCards(raw, (key) => key === 'RA' || key === 'DEC');
		const { bytes, result } = await solveFile(pool, catalog, blind);
		expect(result.solved).toBe(false);
		const header = parseHeader(bytes).header;
		expect(header.get('PLTSOLVD')).toBe(false);
		expect(header.string('PLTREASN')).toMatch(/no RA\/DEC/);
	});
});
