import { describe, expect, it } from 'vitest';
import { makeWcs, pixelToSky, skyToPixel, type Wcs } from '$lib/wcs';

/** The Seestar S50's scale (2.39″/px) and a 1080 x 1920 field, rotated and mirrored as tests need. */
const SCALE = 2.39 / 3600;
const W = 1080;
const H = 1920;

function seestar(ra: number, dec: number, angleDeg = 30, mirrored = false): Wcs {
	const c = Math.cos((angleDeg * Math.PI) / 180) * SCALE;
	const s = Math.sin((angleDeg * Math.PI) / 180) * SCALE;
	const flip = mirrored ? -1 : 1;
	return makeWcs({ crval: [ra, dec], crpix: [W / 2 + 0.5, H / 2 + 0.5], cd: [[-c * flip, s], [s * flip, c]] });
}

/** A distortion of a few pixels at the corners, as a short refractor's field shows. */
function withSip(wcs: Wcs): Wcs {
	return {
		...wcs,
		sip: {
			a: { order: 3, coefficients: [[0, 0, 2e-6, 1e-9], [0, -1e-6, 3e-10], [1.5e-6, -2e-10], [4e-10]] },
			b: { order: 3, coefficients: [[0, 0, -1e-6, 2e-10], [0, 2e-6, -1e-10], [-1e-6, 3e-10], [1e-10]] }
		}
	};
}

/** Pixels over the whole field and a little beyond, corners included. */
function grid(): [number, number][] {
	const points: [number, number][] = [];
	for (let i = 0; i <= 8; i++) for (let j = 0; j <= 8; j++) points.push([-20 + (i * (W + 40)) / 8, -20 + (j * (H + 40)) / 8]);
	return points;
}

function worstRoundTrip(wcs: Wcs): number {
	let worst = 0;
	for (const [x, y] of grid()) {
		const { ra, dec } = pixelToSky(wcs, x, y);
		const back = skyToPixel(wcs, ra, dec);
		if (!back) throw new Error(`no pixel for (${ra}, ${dec}) from (${x}, ${y})`);
		worst = Math.max(worst, Math.hypot(back.x - x, back.y - y));
	}
	return worst;
}

describe('pixel -> sky -> pixel', () => {
	const cases: [string, Wcs][] = [
		['an ordinary field (NGC 7023)', seestar(315.44, 68.13, 57.9)],
		['a mirrored field near the equator', seestar(120, -0.5, 200, true)],
		['the north celestial pole at the reference pixel', seestar(0, 90, 10)],
		['a field holding the south pole off centre', seestar(45, -89.8, 75)],
		['a field across RA 0/360', seestar(0.05, 20, 0)],
		['a field across RA 0/360 from the other side', seestar(359.97, -40, 123, true)],
		['SIP distortion of order 3', withSip(seestar(193.07, 40.98, 12))],
		['SIP distortion across RA 0/360 near the pole', withSip(seestar(359.99, 89.7, 300, true))]
	];
	for (const [name, wcs] of cases) {
		it(`returns to the same pixel within 1e-9 px: ${name}`, () => {
			expect(worstRoundTrip(wcs)).toBeLessThan(1e-9);
		});
	}

	it('puts the reference pixel at CRVAL, RA in [0, 360)', () => {
		const sky = pixelToSky(seestar(359.97, -40), W / 2 + 0.5, H / 2 + 0.5);
		expect(sky.ra).toBeCloseTo(359.97, 10);
		expect(sky.dec).toBeCloseTo(-40, 10);
		const across = pixelToSky(seestar(0.05, 20, 0), W, H / 2);
		expect(across.ra).toBeGreaterThan(359);
		expect(across.ra).toBeLessThan(360);
	});

	it('has no pixel for a position 90° or more from the reference point', () => {
		expect(skyToPixel(seestar(10, 0), 190, 0)).toBeNull();
		expect(skyToPixel(seestar(10, 0), 100, 0)).toBeNull();
	});

	it('runs east to the left of north-up for CD = diag(-s, s), 1-based pixels', () => {
		const wcs = makeWcs({ crval: [100, 10], crpix: [1, 1], cd: [[-SCALE, 0], [0, SCALE]] });
		expect(pixelToSky(wcs, 1, 1)).toEqual({ ra: 100, dec: 10 });
		expect(pixelToSky(wcs, 0, 1).ra).toBeGreaterThan(100);
		expect(pixelToSky(wcs, 1, 2).dec).toBeGreaterThan(10);
	});
});
