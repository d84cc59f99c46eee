/**
 * `node runner.js solve` as a user runs it, on copies of real Seestar frames: a copy beside each
 * file or the file updated in place, one line per file, errors for a missing and a non-FITS file,
 * exit code 1 when any failed; astropy reads the written WCS to the centre the line reports.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { separationDeg } from '../../../src/lib/chunks/pointing';
import { runner } from '../../harness/runner-process';
import { M94 } from '../stacking/helpers';

const tmp = mkdtempSync(join(tmpdir(), 'crowdsky-solve-'));
const FRAMES = ['Light_M 94_10.0s_IRCUT_20250327-014513.fit', 'Light_M 94_10.0s_IRCUT_20250327-014617.fit'];

/** astropy's sky position of the image centre (FITS pixel 540.5, 960.5) through the file's primary header. */
function astropyCentre(path: string): [number, number] {
	const script = `
import json, sys, warnings
from astropy.io import fits
from astropy.wcs import WCS
warnings.simplefilter('ignore')
h = fits.getheader(sys.argv[1])
assert h['PLTSOLVD'] is True
print(json.dumps(WCS(h).all_pix2world([[540.5, 960.5]], 1)[0].tolist()))`;
	return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' }));
}

/** The decimal centre a "solved:" line reports. */
function reportedCentre(line: string): [number, number] {
	const m = /\((\d+\.\d+)°, ([+-]?\d+\.\d+)°\)/.exec(line);
	if (!m) throw new Error(`no centre in "${line}"`);
	return [Number(m[1]), Number(m[2])];
}

describe('node runner.js solve', () => {
	it('writes NAME.solved.fits beside each frame, one line each, and fails for a missing and a non-FITS file', async () => {
		const paths = FRAMES.map((name) => join(tmp, name));
		FRAMES.forEach((name, i) => copyFileSync(join(M94, name), paths[i]));
		const junk = join(tmp, 'notes.fits');
		writeFileSync(junk, 'not a FITS file');
		const run = runner(['solve', ...paths, junk, join(tmp, 'nowhere.fits')]);
		expect(await run.exit, run.err()).toBe(1);
		const lines = run.out().trimEnd().split('\n');
		console.log(lines.join('\n'));
		expect(lines).toHaveLength(4);
		for (const [i, path] of paths.entries()) {
			const out = path.replace(/\.fit$/, '.solved.fits');
			expect(lines[i]).toMatch(new RegExp(`^${path.replace(/[.+]/g, '\\$&')}: solved: centre \\d\\dh .*″/px, rotation .*° E of N, flipped, \\d+ stars matched, RMS \\d\\.\\d\\d″, \\d+ ms -> `));
			expect(lines[i].endsWith(`-> ${out}`)).toBe(true);
			const [ra, dec] = reportedCentre(lines[i]);
			const [ara, adec] = astropyCentre(out);
			expect(separationDeg(ra, dec, ara, adec) * 3600).toBeLessThan(0.1);
			expect(separationDeg(ra, dec, 192.77, 41.117) * 3600).toBeLessThan(120);
			// The original is untouched.
			expect(readFileSync(path).equals(readFileSync(join(M94, FRAMES[i])))).toBe(true);
		}
		expect(lines[2]).toBe(`${junk}: error: not a FITS file: it starts with "not a FITS file"; a FITS file starts with "SIMPLE  =                    T"`);
		expect(lines[3]).toBe(`${join(tmp, 'nowhere.fits')}: error: no such file`);
		expect(existsSync(junk.replace('.fits', '.solved.fits'))).toBe(false);
	});

	it('updates a file in place with --in-place and exits 0 when every file solved', async () => {
		const path = join(tmp, 'in-place.fit');
		copyFileSync(join(M94, FRAMES[0]), path);
		const run = runner(['solve', path, '--in-place']);
		expect(await run.exit, run.err()).toBe(0);
		expect(run.out()).toMatch(new RegExp(`-> ${path.replace(/[.+]/g, '\\$&')}\\n$`));
		const [ra, dec] = reportedCentre(run.out());
		const [ara, adec] = astropyCentre(path);
		expect(separationDeg(ra, dec, ara, adec) * 3600).toBeLessThan(0.1);
	});

	it('refuses a command line without files or with an unknown option (exit 2)', async () => {
		const none = runner(['solve']);
		expect(await none.exit).toBe(2);
		expect(none.err()).toMatch(/no FITS files given/);
		const bad = runner(['solve', 'x.fits', '--inplace']);
		expect(await bad.exit).toBe(2);
		expect(bad.err()).toMatch(/unknown option --inplace/);
	});
});
