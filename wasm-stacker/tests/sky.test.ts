// The kernel's pixel → sky against src/lib/wcs (Paper II formulas, JS Math) and its log10 against
// Math.log10: the kernel's numbers are the ones a stack file carries, so they must be right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWcs, pixelToSky } from '../../src/lib/wcs';
import type { Kernel } from '../../src/lib/stacking/kernel';
import { loadKernel } from '../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../src/lib/stacking/pool/local-pool';
import { createNodePool } from '../../src/lib/stacking/pool/node-pool';
import { log10Values, skyCases } from './sky-cases';

const RAD = Math.PI / 180;
const ARCSEC_PER_RAD = 206264.80624709636;

/** Angle between two sky positions (degrees), arcsec: atan2(|a × b|, a · b), exact near 0. */
function separation(ra1: number, dec1: number, ra2: number, dec2: number): number {
	const v = (ra: number, dec: number) => [Math.cos(dec * RAD) * Math.cos(ra * RAD), Math.cos(dec * RAD) * Math.sin(ra * RAD), Math.sin(dec * RAD)];
	const [a, b] = [v(ra1, dec1), v(ra2, dec2)];
	const cross = Math.hypot(a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]);
	return Math.atan2(cross, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) * ARCSEC_PER_RAD;
}

/** Units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
	const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
	const d = bits[0] - bits[1];
	return Number(d < 0n ? -d : d);
}

let kernel: Kernel;
beforeAll(async () => {
	kernel = await loadKernel();
});

describe('kernel pixelsToSky', () => {
	const cases = skyCases(1000);
	for (const { label, wcs, xy } of cases) {
		it(`agrees with src/lib/wcs pixelToSky within 1e-9″: ${label}`, () => {
			const sky = kernel.pixelsToSky(wcs, xy);
			expect(sky.length).toBe(xy.length);
			let worst = 0;
			let bitsDiffer = 0;
			for (let i = 0; i < xy.length; i += 2) {
				const ref = pixelToSky(wcs, xy[i], xy[i + 1]);
				expect(sky[i]).toBeGreaterThanOrEqual(0);
				expect(sky[i]).toBeLessThan(360);
				worst = Math.max(worst, separation(sky[i], sky[i + 1], ref.ra, ref.dec));
				if (sky[i] !== ref.ra || sky[i + 1] !== ref.dec) bitsDiffer++;
			}
			console.log(`${label}: ${xy.length / 2} points, largest kernel − TS separation ${worst.toExponential(2)}″, ${bitsDiffer} differ in some bit`);
			expect(worst).toBeLessThan(1e-9);
		});
	}

	it('maps CRPIX to CRVAL', () => {
		for (const { wcs } of cases) {
			const [ra, dec] = kernel.pixelsToSky(wcs, new Float64Array(wcs.crpix));
			expect(separation(ra, dec, wcs.crval[0], wcs.crval[1])).toBeLessThan(1e-9);
		}
	});

	it('puts pixels east (RA up) of CRVAL along +x for an unmirrored CD, at any LONPOLE the same as src/lib/wcs', () => {
		const wcs = makeWcs({ crval: [100, 20], crpix: [1, 1], cd: [[1 / 3600, 0], [0, 1 / 3600]] });
		const [ra, dec] = kernel.pixelsToSky(wcs, new Float64Array([3601, 1]));
		expect(ra).toBeCloseTo(100 + 1 / Math.cos(20 * RAD), 3);
		expect(dec).toBeCloseTo(20, 2);
		for (const lonpole of [0, 90, 180, 270, 33.3]) {
			const turned = { ...wcs, lonpole };
			const [r, d] = kernel.pixelsToSky(turned, new Float64Array([3601, 1801]));
			const ref = pixelToSky(turned, 3601, 1801);
			expect(separation(r, d, ref.ra, ref.dec), `LONPOLE ${lonpole}`).toBeLessThan(1e-9);
		}
	});

	it('refuses what it cannot map, naming the value', () => {
		const wcs = cases[0].wcs;
		expect(() => kernel.pixelsToSky(wcs, new Float64Array([1, 2, 3]))).toThrow(/x, y pairs, got 3/);
		expect(() => kernel.pixelsToSky(wcs, new Float64Array([1, NaN]))).toThrow(/value 1 \(NaN\)/);
		expect(() => kernel.pixelsToSky({ ...wcs, crval: [10, 91] }, new Float64Array(2))).toThrow(/CRVAL2 91/);
		expect(() => kernel.pixelsToSky({ ...wcs, lonpole: Infinity }, new Float64Array(2))).toThrow(/LONPOLE must be finite/);
		const order4 = { order: 4, coefficients: [[0, 0, 0, 0, 1e-12]] };
		expect(() => kernel.pixelsToSky({ ...wcs, sip: { a: order4, b: order4 } }, new Float64Array(2))).toThrow(/SIP A order 4 is not supported/);
		const nan = { order: 2, coefficients: [[0, 0, NaN]] };
		expect(() => kernel.pixelsToSky({ ...wcs, sip: { a: cases[3].wcs.sip!.a, b: nan } }, new Float64Array(2))).toThrow(/SIP B_0_2 = NaN/);
		expect(kernel.pixelsToSky(wcs, new Float64Array(0))).toEqual(new Float64Array(0));
	});
});

describe('kernel log10', () => {
	// V8's log10 itself is off by up to 1.5 ulp: on the 4 of these values 2 ulp apart, 40-digit
	// mpmath puts the kernel within 0.5 ulp and Math.log10 1.5 ulp from the true value.
	it('is within 2 ulp of Math.log10 and exact on powers of ten', () => {
		const values = log10Values(10000);
		const logs = kernel.log10(values);
		let differ = 0;
		let worst = 0;
		for (let i = 0; i < values.length; i++) {
			const d = ulps(logs[i], Math.log10(values[i]));
			worst = Math.max(worst, d);
			if (d > 0) differ++;
		}
		console.log(`log10 on ${values.length} values: ${differ} differ from Node's Math.log10 in the last bit(s), at most ${worst} ulp`);
		expect(worst).toBeLessThanOrEqual(2);
		const powers = Array.from({ length: 23 }, (_, k) => 10 ** k);
		expect(Array.from(kernel.log10(new Float64Array(powers)))).toEqual(powers.map((_, k) => k));
	});

	it('refuses values that have no real logarithm', () => {
		expect(() => kernel.log10(new Float64Array([1, 0]))).toThrow(/value 1 \(0\) must be > 0/);
		expect(() => kernel.log10(new Float64Array([-2]))).toThrow(/value 0 \(-2\) must be > 0/);
		expect(() => kernel.log10(new Float64Array([Infinity]))).toThrow(/not a finite number/);
	});
});

describe('the pools', () => {
	const { wcs, xy } = skyCases(200)[3];
	const values = log10Values(500);
	let node: ReturnType<typeof createNodePool>;
	afterAll(() => node?.close());

	it('give the in-process kernel’s bytes, in this thread and in worker_threads', async () => {
		const direct = [kernel.pixelsToSky(wcs, xy), kernel.log10(values)];
		const local = createLocalPool(loadKernel());
		node = createNodePool(1);
		for (const pool of [local, node]) {
			expect(await pool.pixelsToSky(wcs, xy)).toEqual(direct[0]);
			expect(await pool.log10(values)).toEqual(direct[1]);
		}
		await expect(node.log10(new Float64Array([-1]))).rejects.toThrow(/must be > 0/);
		expect(xy.length).toBe(400); // the caller's input is not moved away
		await local.close();
	});
});
