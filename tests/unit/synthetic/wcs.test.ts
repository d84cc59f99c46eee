import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyAffine, invertAffine } from '../../../src/lib/stacking/match';
import { generateSet, type GenerateOptions, type SyntheticSet } from '../../synthetic';
import { PIXEL_SCALE_ARCSEC } from '../../synthetic/model';
import { NGC7023 } from '../stacking/helpers';

const tmp = mkdtempSync(join(tmpdir(), 'synthetic-wcs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** What astropy (wcslib) reads from each frame's header: every star's RA/Dec there, and the CD. */
interface AstropyFrame {
	file: string;
	sky: [number, number][];
	cd: [[number, number], [number, number]];
}

const ASTROPY = `
import json, sys, warnings
import numpy as np
from astropy.io import fits
from astropy.wcs import WCS
from astropy.utils.exceptions import AstropyWarning
warnings.simplefilter('ignore', AstropyWarning)  # MJD-OBS filled in from DATE-OBS
job = json.load(sys.stdin)
out = []
for f in job['frames']:
    h = fits.getheader(f['path'])
    w = WCS(h)
    assert w.wcs.ctype[0] == 'RA---TAN' and w.wcs.ctype[1] == 'DEC--TAN', w.wcs.ctype
    assert not w.has_distortion
    xy = np.array(f['pixels'], dtype=float)
    sky = w.all_pix2world(xy, 0)
    out.append({'file': f['path'], 'sky': sky.tolist(), 'cd': w.wcs.cd.tolist()})
real = WCS(fits.getheader(job['real']))
print(json.dumps({'frames': out, 'realDet': float(np.linalg.det(real.pixel_scale_matrix))}))
`;

function astropy(set: SyntheticSet, real: string): { frames: AstropyFrame[]; realDet: number } {
	const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
	const job = {
		real,
		frames: set.frames.map((f) => {
			const toFrame = invertAffine(f.transform);
			return { path: join(set.dir, f.file), pixels: set.stars.map((s) => applyAffine(toFrame, s.x, s.y)) };
		})
	};
	return JSON.parse(execFileSync(python, ['-c', ASTROPY], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 1 << 26 }));
}

/** Great-circle separation, arcsec (haversine: exact for tiny angles). */
function separationArcsec([ra1, dec1]: [number, number], [ra2, dec2]: [number, number]): number {
	const r = Math.PI / 180;
	const a = Math.sin(((dec2 - dec1) * r) / 2) ** 2 + Math.cos(dec1 * r) * Math.cos(dec2 * r) * Math.sin(((ra2 - ra1) * r) / 2) ** 2;
	return (2 * Math.asin(Math.sqrt(a)) * 3600) / r;
}

const base = (name: string): GenerateOptions => ({
	dir: join(tmp, name),
	count: 5,
	width: 160,
	height: 240,
	seed: 3,
	rotationDeg: 30,
	maxShift: 25,
	blob: false
});

const REAL_SOLVED = join(NGC7023, readdirSync(NGC7023).filter((f) => f.endsWith('.fit')).sort()[0]);

describe.each([
	['M 94 by default', base('m94')],
	['a field across RA 0 near the pole, turned', { ...base('pole'), field: { ra: 359.995, dec: 84, angleDeg: 40 } }]
])('synthetic frames carry their true WCS: %s', (_, options) => {
	const set = generateSet(options);
	const read = astropy(set, REAL_SOLVED);

	it("maps every star's true pixel in every frame to the star's true RA/Dec (≤ 1e-6″)", () => {
		expect(set.stars.length).toBeGreaterThan(50);
		let worst = 0;
		for (const frame of read.frames) {
			frame.sky.forEach((radec, i) => {
				worst = Math.max(worst, separationArcsec(radec as [number, number], [set.stars[i].ra, set.stars[i].dec]));
			});
		}
		expect(worst).toBeLessThanOrEqual(1e-6);
	});

	it("gives the reference frame 2.376″/px and the real Seestar's mirrored parity", () => {
		const [[a, b], [c, d]] = read.frames[0].cd;
		const det = a * d - b * c;
		expect(Math.sqrt(Math.abs(det)) * 3600).toBeCloseTo(PIXEL_SCALE_ARCSEC, 9);
		expect(Math.hypot(a, c) * 3600).toBeCloseTo(PIXEL_SCALE_ARCSEC, 9);
		expect(Math.sign(det)).toBe(1);
		expect(Math.sign(det)).toBe(Math.sign(read.realDet));
		const angle = (Math.atan2(c, a) * 180) / Math.PI;
		expect(angle).toBeCloseTo(options.field?.angleDeg ?? 0, 9);
	});

	it('exports the same WCS in truth and header, and centres the reference on the field', () => {
		set.frames.forEach((f, k) => expect(read.frames[k].cd).toEqual(f.wcs.cd));
		const ref = set.frames[0].wcs;
		expect(ref.crval).toEqual([set.field.ra, set.field.dec]);
		expect(ref.crpix).toEqual([(set.width + 1) / 2, (set.height + 1) / 2]);
	});
});
