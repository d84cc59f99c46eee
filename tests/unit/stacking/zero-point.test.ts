/**
 * The zero points on planes drawn here: Gaussian stars of known flux on a known sky, their VT set
 * so every honest star gives the same zero point. The ones a careful photometrist would not use
 * (clipped, blended, cut by a frame's edge, off the image) carry a wrong VT, so using any of them
 * would move the result.
 */
import { describe, expect, it } from 'vitest';
import type { MatchedStar } from '../../../src/lib/solve';
import type { Star } from '../../../src/lib/stacking';
import type { Combined } from '../../../src/lib/stacking/combine';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { zeroPoints, type ZeroPointInput } from '../../../src/lib/stacking/zero-point';

const kernel = await loadKernel();
/** The kernel's log10, as the stacker passes it. */
const log10 = async (values: Float64Array) => kernel.log10(values);

const W = 200;
const H = 160;
const SKY = 500;
const FWHM = 3;
const SIGMA = FWHM / 2.3548;
const EXPOSURE = 40;
const ZP = [21.2, 21.6, 20.9];
const NIMAGES = 4;
const FULL_SCALE = 65535;

interface Drawn {
	x: number;
	y: number;
	flux: number;
	/** VT the star is given; NaN: the zero point's own VT (an honest star). */
	vt?: number;
}

function draw(stars: Drawn[]): Combined {
	const planes = [new Float32Array(W * H), new Float32Array(W * H), new Float32Array(W * H)];
	for (const p of planes) p.fill(SKY);
	for (const s of stars) {
		for (let y = Math.max(0, Math.floor(s.y - 15)); y <= Math.min(H - 1, s.y + 15); y++) {
			for (let x = Math.max(0, Math.floor(s.x - 15)); x <= Math.min(W - 1, s.x + 15); x++) {
				const g = Math.exp(-((x - s.x) ** 2 + (y - s.y) ** 2) / (2 * SIGMA * SIGMA)) / (2 * Math.PI * SIGMA * SIGMA);
				// The colour planes get the same star, scaled to their own zero point.
				planes.forEach((p, c) => (p[y * W + x] += Math.min(s.flux * 10 ** (0.4 * (ZP[c] - ZP[1])) * g, FULL_SCALE)));
			}
		}
	}
	const coverage = new Uint16Array(W * H).fill(NIMAGES);
	// A frame's edge: the right 30 columns are covered by one frame fewer.
	for (let y = 0; y < H; y++) for (let x = W - 30; x < W; x++) coverage[y * W + x] = NIMAGES - 1;
	return { r: planes[0], g: planes[1], b: planes[2], coverage, rejected: 0 };
}

/** VT of a GREEN flux under ZP[1]. */
const vtOf = (flux: number) => ZP[1] - 2.5 * Math.log10(flux / EXPOSURE);

describe('zeroPoints', () => {
	const honest: Drawn[] = [
		{ x: 40.3, y: 40.7, flux: 20000 },
		{ x: 90.6, y: 35.2, flux: 8000 },
		{ x: 60.1, y: 100.4, flux: 40000 },
		{ x: 120.8, y: 120.3, flux: 12000 },
		{ x: 110.2, y: 70.9, flux: 5000 }
	];
	const spoiled: Drawn[] = [
		{ x: 30.5, y: 130.5, flux: 3e6, vt: 5 }, // clipped at the full scale
		{ x: 150.4, y: 40.6, flux: 10000, vt: 5 }, // a blend: a neighbour 3 px away
		{ x: 153.4, y: 40.6, flux: 6000 },
		{ x: 178.5, y: 100.5, flux: 10000, vt: 5 }, // its annulus crosses the frame's edge
		{ x: 4.5, y: 80.5, flux: 10000, vt: 5 } // its annulus leaves the image
	];
	const drawn = [...honest, ...spoiled];
	const stack = draw(drawn);
	const stars: Star[] = drawn.map((s) => ({ x: s.x, y: s.y, flux: s.flux, peak: 0, fwhm: FWHM, a: SIGMA, b: SIGMA, theta: 0 }));
	const matched: MatchedStar[] = drawn
		.map((s, star) => ({ s, star }))
		.filter(({ star }) => star !== honest.length + 2) // the blend's neighbour is not a catalogue star
		.map(({ s, star }) => ({ star, distArcsec: 0.1, catalog: { ra: 0, dec: 0, row: star, vt: s.vt ?? vtOf(s.flux), bv: null } }));

	const input: ZeroPointInput = { stack, width: W, height: H, nimages: NIMAGES, stars, matched, fwhmPx: FWHM, exposure: EXPOSURE, fullScale: FULL_SCALE };

	it('recovers each plane’s zero point from the honest stars only', async () => {
		const zp = await zeroPoints(input, log10);
		console.log('zero points R, G, B:', [zp.r, zp.g, zp.b].map((p) => `${p!.zp.toFixed(4)} ± ${p!.sigma.toFixed(4)}`).join(', '), 'stars', zp.used);
		expect(zp.used).toEqual([0, 1, 2, 3, 4]);
		expect(zp.aperturePx).toBe(2 * FWHM);
		// A 2-FWHM aperture holds all but e^-(2·2.3548)²/2 ≈ 1.6e-5 of a Gaussian: the zero points are exact to a millimag.
		[zp.r, zp.g, zp.b].forEach((p, c) => {
			expect(Math.abs(p!.zp - ZP[c])).toBeLessThan(0.001);
			expect(p!.sigma).toBeLessThan(0.001);
		});
	});

	it('gives no zero point from fewer than three stars, and refuses nonsense', async () => {
		const few = await zeroPoints({ ...input, matched: matched.slice(0, 2) }, log10);
		expect(few).toMatchObject({ used: [0, 1], r: null, g: null, b: null });
		await expect(zeroPoints({ ...input, fwhmPx: 0 }, log10)).rejects.toThrow(RangeError);
		await expect(zeroPoints({ ...input, exposure: 0 }, log10)).rejects.toThrow(RangeError);
	});
});
