import { afterAll, describe, expect, it } from 'vitest';
import { coneSearch } from '../../../src/lib/catalog';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { separationDeg } from '../../../src/lib/chunks/pointing';
import { solveStars, type SolveInput } from '../../../src/lib/solve';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { footprint, makeWcs, pixelToSky, skyToPixel, type Sip, type Wcs } from '../../../src/lib/wcs';

const catalog = diskCatalogSource('static/catalog');
const pool = createLocalPool(loadKernel());
afterAll(() => pool.close());

const WIDTH = 1080;
const HEIGHT = 1920;
const SCALE = 2.376;
/** A Milky Way field in Cygnus: enough Tycho-2 stars on a Seestar image to fit SIP terms. */
const CENTRE = { ra: 305, dec: 40 };

/** A Seestar-like WCS at CENTRE: mirrored, rotated 30°, with the SIP terms given. */
function trueWcs(sip?: Sip): Wcs {
	const s = SCALE / 3600;
	const t = (30 * Math.PI) / 180;
	return makeWcs({
		crval: [CENTRE.ra, CENTRE.dec],
		crpix: [(WIDTH + 1) / 2, (HEIGHT + 1) / 2],
		cd: [
			[s * Math.cos(t), s * Math.sin(t)],
			[s * Math.sin(t), -s * Math.cos(t)]
		],
		...(sip ? { sip } : {})
	});
}

/** Centroid errors: 0.1 px Gaussian per axis, from a fixed-seed LCG (Box-Muller), the same on every run. */
function centroidNoise(): () => number {
	let seed = 20261205;
	const uniform = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) + 1) / (2 ** 31 + 1);
	return () => 0.1 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** The catalogue stars the WCS puts on the image, where it puts them (0-based) give or take the
 * centroid noise, brighter ones with more flux. */
async function starsThrough(wcs: Wcs): Promise<SolveInput> {
	const cone = await coneSearch(catalog, CENTRE.ra, CENTRE.dec, 1);
	const noise = centroidNoise();
	const stars = cone
		.map((c) => ({ p: skyToPixel(wcs, c.ra, c.dec), flux: 10 ** (-0.4 * (c.vt - 20)) }))
		.filter(({ p }) => p && p.x >= 1 && p.y >= 1 && p.x <= WIDTH && p.y <= HEIGHT)
		.map(({ p, flux }) => ({ x: p!.x - 1 + noise(), y: p!.y - 1 + noise(), flux }));
	return { stars, width: WIDTH, height: HEIGHT, hint: { ra: CENTRE.ra + 0.2, dec: CENTRE.dec - 0.15 }, scale: 2.39 };
}

/** Largest distance (arcsec) between the two WCS at the image's centre and corners. */
function worstArcsec(a: Wcs, b: Wcs): number {
	const points = [...footprint(a, WIDTH, HEIGHT).map((_, k) => k), -1];
	return Math.max(
		...points.map((k) => {
			const [x, y] = k < 0 ? [(WIDTH + 1) / 2, (HEIGHT + 1) / 2] : [[1, 1], [1, HEIGHT], [WIDTH, HEIGHT], [WIDTH, 1]][k];
			const p = pixelToSky(a, x, y);
			const q = pixelToSky(b, x, y);
			return separationDeg(p.ra, p.dec, q.ra, q.dec) * 3600;
		})
	);
}

describe('the kernel fits SIP only where the image is distorted', () => {
	it('keeps plain TAN for an undistorted image', async () => {
		const truth = trueWcs();
		const input = await starsThrough(truth);
		const result = await solveStars(pool, catalog, input);
		expect(result.solved, result.solved ? '' : result.reason).toBe(true);
		if (!result.solved) return;
		console.log(`TAN field: ${input.stars.length} stars, ${result.matches} matched, RMS ${result.rmsArcsec.toFixed(3)}″, worst ${worstArcsec(result.wcs, truth).toFixed(3)}″`);
		expect(result.wcs.sip).toBeUndefined();
		expect(worstArcsec(result.wcs, truth)).toBeLessThan(0.3);
	});

	it('recovers second-order distortion of ~2 px at the corners as SIP terms', async () => {
		const sip: Sip = {
			a: { order: 2, coefficients: [[0, 0, 1.2e-6], [0, 8e-7], [6e-7]] },
			b: { order: 2, coefficients: [[0, 0, -7e-7], [0, 1e-6], [9e-7]] }
		};
		const truth = trueWcs(sip);
		const input = await starsThrough(truth);
		const tan = trueWcs();
		console.log(`distortion at the corner: ${worstArcsec(truth, tan).toFixed(2)}″`);
		const result = await solveStars(pool, catalog, input);
		expect(result.solved, result.solved ? '' : result.reason).toBe(true);
		if (!result.solved) return;
		console.log(`SIP field: ${input.stars.length} stars, ${result.matches} matched, order ${result.wcs.sip?.a.order}, RMS ${result.rmsArcsec.toFixed(3)}″, worst ${worstArcsec(result.wcs, truth).toFixed(3)}″`);
		expect(result.wcs.sip?.a.order).toBeGreaterThanOrEqual(2);
		expect(result.rmsArcsec).toBeLessThan(0.6);
		expect(worstArcsec(result.wcs, truth)).toBeLessThan(1);
	});
});
