/**
 * The WCS module against an independent implementation: astropy's `WCS` (wcslib underneath) maps
 * the same pixels of the same headers, and computes the footprint of the Seestar frames of
 * NGC 7023 (2024) from the TAN WCS their plate solver wrote.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FitsHeader, parseHeader, type Card } from '$lib/fits';
import { footprint, pixelScale, pixelToSky, readWcs, type SkyPosition, type Wcs } from '$lib/wcs';

const NGC7023 = '/work/shared/data/seestar/NGC7023';
const W = 1080;
const H = 1920;

/** For each header (cards as [key, value] pairs, or a file's path): astropy's sky at the pixels, and its footprint. */
const ASTROPY = `
import json, sys, warnings
from astropy.io import fits
from astropy.wcs import WCS
job = json.load(sys.stdin)
out = []
with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    for item in job['headers']:
        header = fits.getheader(item) if isinstance(item, str) else fits.Header([tuple(c) for c in item])
        wcs = WCS(header)
        world = wcs.all_pix2world(job['pixels'], 1).tolist()
        out.append({'world': world, 'footprint': wcs.calc_footprint(axes=(${W}, ${H})).tolist()})
print(json.dumps(out))
`;

function astropy(headers: (string | [string, Card['value']][])[], pixels: [number, number][]) {
	const input = JSON.stringify({ headers, pixels });
	return JSON.parse(execFileSync('/usr/bin/python3', ['-c', ASTROPY], { input, encoding: 'utf8', maxBuffer: 16 << 20 })) as {
		world: [number, number][];
		footprint: [number, number][];
	}[];
}

/** Angular distance in arcseconds, small-angle form (the differences checked are below a milliarcsecond). */
function arcsec(a: SkyPosition, [ra, dec]: [number, number]): number {
	const dra = ((a.ra - ra + 540) % 360) - 180;
	return Math.hypot(dra * Math.cos((dec * Math.PI) / 180), a.dec - dec) * 3600;
}

function worst(wcs: Wcs, pixels: [number, number][], reference: [number, number][]): number {
	return Math.max(...pixels.map(([x, y], i) => arcsec(pixelToSky(wcs, x, y), reference[i])));
}

const PIXELS: [number, number][] = [];
for (let i = 0; i <= 6; i++) for (let j = 0; j <= 6; j++) PIXELS.push([0.5 + (i * W) / 6, 0.5 + (j * H) / 6]);
PIXELS.push([1, 1], [W, H], [540.5, 960.5], [-100, 2100]);

const TAN = { CTYPE1: 'RA---TAN', CTYPE2: 'DEC--TAN' };
const SIP = { CTYPE1: 'RA---TAN-SIP', CTYPE2: 'DEC--TAN-SIP' };
const CENTRE = { CRPIX1: 540.5, CRPIX2: 960.5 };

/** A handful of headers in each form the reader accepts, at the awkward places of the sky. */
const HEADERS: Record<string, Record<string, Card['value']>> = {
	'PC with CDELT (as the Seestar frames)': {
		...TAN, ...CENTRE, CRVAL1: 315.4433043481, CRVAL2: 68.12628491387, CDELT1: 1, CDELT2: 1,
		PC1_1: 0.0003505162396905, PC1_2: 0.0005586766032592, PC2_1: -0.0005586160829179, PC2_2: 0.0003504672443411
	},
	'CDELT with CROTA2, across RA 0/360': { ...TAN, ...CENTRE, CRVAL1: 0.1, CRVAL2: -12.5, CDELT1: -6.6e-4, CDELT2: 6.6e-4, CROTA2: 37.5 },
	'CD at the north celestial pole (default LONPOLE 0)': {
		...TAN, ...CENTRE, CRVAL1: 83.2, CRVAL2: 90, CD1_1: -6.6e-4, CD1_2: 1e-4, CD2_1: 1e-4, CD2_2: 6.6e-4
	},
	'CD near the south pole with LONPOLE 170, mirrored': {
		...TAN, ...CENTRE, CRVAL1: 359.95, CRVAL2: -89.9, LONPOLE: 170, CD1_1: 6.6e-4, CD1_2: 0, CD2_1: 0, CD2_2: 6.6e-4
	},
	'SIP of order 3 with AP/BP': {
		...SIP, ...CENTRE, CRVAL1: 193.07, CRVAL2: 40.98, CD1_1: -6.5e-4, CD1_2: 1.3e-4, CD2_1: -1.3e-4, CD2_2: -6.5e-4,
		A_ORDER: 3, A_0_2: 2e-6, A_0_3: 1e-9, A_1_1: -1e-6, A_1_2: 3e-10, A_2_0: 1.5e-6, A_2_1: -2e-10, A_3_0: 4e-10,
		B_ORDER: 3, B_0_2: -1e-6, B_0_3: 2e-10, B_1_1: 2e-6, B_1_2: -1e-10, B_2_0: -1e-6, B_2_1: 3e-10, B_3_0: 1e-10,
		AP_ORDER: 1, AP_0_1: 1e-7, AP_1_0: 2e-7, BP_ORDER: 1, BP_0_1: -1e-7, BP_1_0: 3e-7
	}
};

describe('pixelToSky agrees with astropy', () => {
	const names = Object.keys(HEADERS);
	let reference: ReturnType<typeof astropy>;

	beforeAll(() => {
		reference = astropy(names.map((name) => Object.entries(HEADERS[name])), PIXELS);
	});

	names.forEach((name, i) => {
		it(`to 1e-6″ at ${PIXELS.length} pixels and the footprint: ${name}`, () => {
			const wcs = readWcs(new FitsHeader(Object.entries(HEADERS[name]).map(([key, value]) => ({ key, value }))))!;
			expect(worst(wcs, PIXELS, reference[i].world)).toBeLessThan(1e-6);
			footprint(wcs, W, H).forEach((corner, c) => expect(arcsec(corner, reference[i].footprint[c])).toBeLessThan(1e-6));
		});
	});
});

describe('the NGC 7023 frames of 2024', () => {
	const files = readdirSync(NGC7023)
		.filter((name) => /_2024\d{4}-\d{6}\.fit$/.test(name))
		.map((name) => join(NGC7023, name));
	let reference: ReturnType<typeof astropy>;

	beforeAll(() => {
		reference = astropy(files, PIXELS);
	});

	it('are four frames with a plate solver’s TAN WCS', () => {
		expect(files).toHaveLength(4);
	});

	it('have the corners and pixels astropy computes, to 1e-6″, at the Seestar’s 2.37″/px', () => {
		files.forEach((file, i) => {
			const wcs = readWcs(parseHeader(readFileSync(file)).header)!;
			expect(pixelScale(wcs)).toBeCloseTo(2.374, 2);
			expect(worst(wcs, PIXELS, reference[i].world)).toBeLessThan(1e-6);
			footprint(wcs, W, H).forEach((corner, c) => expect(arcsec(corner, reference[i].footprint[c])).toBeLessThan(1e-6));
		});
	});
});
