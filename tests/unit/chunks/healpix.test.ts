import { describe, expect, it } from 'vitest';
import { HEALPIX_NSIDE, healpixRing, healpixRingCentre, separationDeg } from '$lib/chunks';

// Dec of the rings at z = ±2/3, where the polar caps meet the equatorial belt.
const CAP_EDGE = (Math.asin(2 / 3) * 180) / Math.PI;

describe('healpixRing: points worked out by hand from Górski et al. 2005', () => {
	it.each([
		// NSIDE 1: 12 base pixels; the equatorial ones are centred on RA 0, 90, 180, 270 (ring 2, shifted).
		[1, 0, 0, 4],
		[1, 90, 0, 5],
		[1, 180, 0, 6],
		[1, 270, 0, 7],
		[1, 359.99, 0, 4],
		[1, 360, 0, 4],
		// The polar base pixels are centred at z = ±2/3, RA 45 + 90k.
		[1, 45, CAP_EDGE, 0],
		[1, 315, CAP_EDGE, 3],
		[1, 45, -CAP_EDGE, 8],
		[1, 225, -CAP_EDGE, 10],
		// Poles: the first ring has 4 pixels, one per 90° of RA; the last ring ends at 12·128² - 1.
		[128, 10, 90, 0],
		[128, 10, 89.99, 0],
		[128, 100, 89.99, 1],
		[128, 359.9, 89.99, 3],
		[128, 10, -90, 196_604],
		[128, 200, -89.99, 196_606],
		[128, 359.9, -89.99, 196_607],
		// z = 2/3 is ring 128, the first of the belt: it starts after the 2·128·127 = 32512 cap pixels,
		// and its first centre is at RA 0.5 × 90°/128. Both formulas give it (the belt's and the cap's).
		[128, 0.3515625, CAP_EDGE, 32_512],
		[128, 0.3515625, CAP_EDGE + 1e-9, 32_512],
		[128, 0.3515625, CAP_EDGE - 1e-9, 32_512],
		// The equator is ring 256: 32512 + 128 rings × 512; RA 180.35 is half way round it.
		[128, 0.3515625, 0, 98_048],
		[128, 180.3515625, 0, 98_304],
		// z = -2/3 is ring 384, the last of the belt: 32512 + 256 × 512; the south cap starts 512 later.
		[128, 0.3515625, -CAP_EDGE, 163_584],
		// healpy's documented ang2pix(16, π/4, π/4) = 427: z = 0.7071 > 2/3, tt = 0.5,
		// tmp = 16·√(3(1 - z)) = 14.998, jp = jm = 7, ring 15, pixel 2·15·14 + ⌊0.5 · 15⌋ = 427.
		[16, 45, 45, 427]
	])('NSIDE %i, RA %f, Dec %f is pixel %i', (nside, ra, dec, pix) => {
		expect(healpixRing(nside, ra, dec)).toBe(pix);
	});

	it('NSIDE 128 is the default', () => {
		expect(HEALPIX_NSIDE).toBe(128);
	});

	it('refuses bad input', () => {
		expect(() => healpixRing(0, 0, 0)).toThrow(/nside 0 is not supported/);
		expect(() => healpixRing(1.5, 0, 0)).toThrow(/nside 1.5/);
		expect(() => healpixRing(128, 0, 90.5)).toThrow(/Dec in \[-90, 90\]/);
		expect(() => healpixRing(128, Number.NaN, 0)).toThrow(/RA must be finite/);
		expect(() => healpixRingCentre(1, 12)).toThrow('HEALPix pixel 12 does not exist at nside 1; pixels are 0 to 11');
	});
});

describe('healpixRing: invariants', () => {
	it.each([1, 2, 3, 4, 128])('every pixel centre at NSIDE %i maps back to its pixel', (nside) => {
		const npix = 12 * nside * nside;
		const wrong: number[] = [];
		for (let pix = 0; pix < npix; pix++) {
			const { ra, dec } = healpixRingCentre(nside, pix);
			if (healpixRing(nside, ra, dec) !== pix) wrong.push(pix);
		}
		expect(wrong).toEqual([]);
	});

	it.each([
		[1, 10_000, 0.01, 0.01],
		[4, 1_000, 0.03, 0.03],
		// 10 points a pixel: the lattice leaves some pixels ±5 points, but none empty or doubled.
		[128, 10, 0.6, 0.12]
	])('pixels have equal areas: NSIDE %i, %i evenly spread points a pixel', (nside, perPixel, worstTolerance, rmsTolerance) => {
		// A Fibonacci lattice: points at equal steps in z (equal-area bands) and golden-angle steps in RA.
		const npix = 12 * nside * nside;
		const points = npix * perPixel;
		const counts = new Uint32Array(npix);
		const golden = 180 * (3 - Math.sqrt(5));
		for (let i = 0; i < points; i++) {
			const z = 1 - (2 * i + 1) / points;
			counts[healpixRing(nside, (i * golden) % 360, (Math.asin(z) * 180) / Math.PI)]++;
		}
		const deviations = Array.from(counts, (c) => (c - perPixel) / perPixel);
		const worst = deviations.reduce((w, d) => Math.max(w, Math.abs(d)), 0);
		const rms = Math.sqrt(deviations.reduce((sum, d) => sum + d * d, 0) / npix);
		expect(worst).toBeLessThan(worstTolerance);
		expect(rms).toBeLessThan(rmsTolerance);
	});

	it('neighbouring points map to the same or an adjacent pixel, across caps, belt, poles and RA 0', () => {
		const nside = 128;
		// Adjacent pixels' centres are at most about two pixel sizes (0.46° each) apart.
		const adjacent = 2.2 * Math.sqrt((4 * Math.PI) / (12 * nside * nside)) * (180 / Math.PI);
		const paths: [number, number, number, number][] = [
			[0.2, -90, 0.2, 90], // a meridian, pole to pole
			[359.5, CAP_EDGE, 360.5, CAP_EDGE], // along the cap edge, across RA 0
			[0, 89.5, 360, 89.5], // a small circle round the north pole
			[0, -70, 360, -60] // a spiral through the south cap edge
		];
		for (const [ra0, dec0, ra1, dec1] of paths) {
			const steps = 20_000;
			let previous = -1;
			for (let i = 0; i <= steps; i++) {
				const ra = (ra0 + ((ra1 - ra0) * i) / steps) % 360;
				const dec = dec0 + ((dec1 - dec0) * i) / steps;
				const pix = healpixRing(nside, ra, dec);
				expect(pix).toBeGreaterThanOrEqual(0);
				expect(pix).toBeLessThan(12 * nside * nside);
				if (previous >= 0 && pix !== previous) {
					const a = healpixRingCentre(nside, previous);
					const b = healpixRingCentre(nside, pix);
					expect(separationDeg(a.ra, a.dec, b.ra, b.dec)).toBeLessThan(adjacent);
				}
				// The point lies in its pixel, so within a pixel size or so of the centre.
				const c = healpixRingCentre(nside, pix);
				expect(separationDeg(c.ra, c.dec, ra, dec)).toBeLessThan(adjacent / 2);
				previous = pix;
			}
		}
	});

	it('RA wraps: 0, 360 and -360 are one meridian', () => {
		for (const dec of [-89, -CAP_EDGE, -30, 0, 30, CAP_EDGE, 89]) {
			expect(healpixRing(128, 360, dec)).toBe(healpixRing(128, 0, dec));
			expect(healpixRing(128, -360, dec)).toBe(healpixRing(128, 0, dec));
		}
	});
});
