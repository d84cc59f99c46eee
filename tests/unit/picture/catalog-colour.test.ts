// Colour calibration on the catalogue's stars against the average-star white balance, on a
// generated field whose stars' B−V are known: mostly red stars, a camera cast of R × 1.4, B × 0.6.
import { describe, expect, it } from 'vitest';
import { makePicture } from '../../../src/lib/picture';
import { removeBackground } from '../../../src/lib/picture/background';
import { calibrateColour, MIN_CATALOGUE_STARS } from '../../../src/lib/picture/catalog-white-balance';
import { starColours } from '../../../src/lib/picture/stars';
import type { ColourStar, Planes } from '../../../src/lib/picture/types';
import { median } from './measure';
import { colourScene, H, trueColour, W, type ColourScene } from './colour-scene';

const FULL = { x: 0, y: 0, width: W, height: H };

/** Calibrates a copy of the scene's planes; returns each star's error: ln of measured over true R/G and B/G. */
function calibrated(scene: ColourScene, reference: ColourStar[] | undefined) {
	const { input } = scene;
	const p: Planes = { width: W, height: H, r: input.r.slice(), g: input.g.slice(), b: input.b.slice() };
	const model = removeBackground(p);
	const method = calibrateColour(p, starColours(p, model.noise[1]), reference, FULL);
	const errors = starColours(p, model.noise[1]).flatMap((m) => {
		const star = scene.stars.find((s) => Math.hypot(s.x - m.x, s.y - m.y) < 2);
		if (!star) return [];
		const [tr, , tb] = trueColour(star.bv);
		return [{ r: Math.log(m.r / m.g / tr), b: Math.log(m.b / m.g / tb), bv: star.bv }];
	});
	return { method, errors };
}

describe('colour calibration on catalogue stars', () => {
	const scene = colourScene();

	it('recovers the true colours to 2 % (the average-star balance is off by 40 % and more on this red field)', () => {
		const cat = calibrated(scene, scene.catalogue);
		const avg = calibrated(scene, undefined);
		const worst = (e: { r: number; b: number }[]) => median(e.map((x) => Math.max(Math.abs(x.r), Math.abs(x.b))));
		console.log(`median colour error: catalogue ${worst(cat.errors).toFixed(4)}, average star ${worst(avg.errors).toFixed(4)} (ln ratio); ${cat.method.stars} stars kept`);
		expect(cat.method.method).toBe('catalogue');
		expect(avg.method.method).toBe('average-star');
		expect(cat.errors.length).toBeGreaterThan(30);
		// Photometric noise here is ~0.3 % a star; 2 % leaves room for blends, far under the cast (ln 1.4 = 0.34).
		expect(worst(cat.errors)).toBeLessThan(0.02);
		expect(worst(avg.errors)).toBeGreaterThan(0.4);
	});

	it('leaves out the catalogue colours that disagree (3 of 50 are 1.2 mag off) and the stars it cannot match', () => {
		const { method } = calibrated(scene, scene.catalogue);
		expect(method.stars).toBeGreaterThanOrEqual(MIN_CATALOGUE_STARS);
		expect(method.stars).toBeLessThanOrEqual(47);
	});

	it('falls back to the average star with fewer than 8 catalogue stars matched', () => {
		const few = scene.catalogue.slice(0, MIN_CATALOGUE_STARS - 1);
		expect(calibrated(scene, few).method.method).toBe('average-star');
		expect(calibrated(scene, []).method.method).toBe('average-star');
	});

	it('shows the stars in their true colours (a G2V star white), says so, and the average-star picture does not', () => {
		const sunlike = scene.stars.filter((s) => Math.abs(s.bv - 0.65) < 0.25);
		// Each star's R/G and B/G at its peak, over its true colour's (the linked stretch keeps ratios).
		const ratios = (rgb: Uint16Array, width: number) =>
			sunlike.map(({ x, y, bv }) => {
				const k = (y * width + x) * 3;
				const [tr, , tb] = trueColour(bv);
				return [rgb[k] / rgb[k + 1] / tr, rgb[k + 2] / rgb[k + 1] / tb];
			});
		const withCatalogue = makePicture({ ...scene.input, colourStars: scene.catalogue });
		const without = makePicture(scene.input);
		expect(withCatalogue.colour.method).toBe('catalogue');
		expect(without.colour).toEqual({ method: 'average-star', stars: expect.any(Number) });
		expect(sunlike.length).toBeGreaterThan(5);
		const cat = ratios(withCatalogue.rgb, withCatalogue.width);
		const avg = ratios(without.rgb, without.width);
		console.log(`G2V-like stars' median R/G, B/G: catalogue ${median(cat.map((r) => r[0])).toFixed(3)} ${median(cat.map((r) => r[1])).toFixed(3)}; average star ${median(avg.map((r) => r[0])).toFixed(3)} ${median(avg.map((r) => r[1])).toFixed(3)}`);
		expect(median(cat.map((r) => r[0]))).toBeCloseTo(1, 1);
		expect(median(cat.map((r) => r[1]))).toBeCloseTo(1, 1);
		// The average star is a K star: a G2V star then shows blue.
		expect(median(avg.map((r) => r[1]))).toBeGreaterThan(1.1);
	});
});
