import type { CatalogStar } from '../catalog';
import { fitAffine, type Point } from '../stacking/match';
import { PointGrid } from '../stacking/match/point-grid';
import { defaultLonpole, makeWcs, pixelToSky, skyToPixel, skyToTan, tanToSky, type Wcs } from '../wcs';
import { MATCH_TOL } from './constants';

export interface Refined {
	wcs: Wcs;
	/** [index in detected, index in catalogue] of each match. */
	pairs: [number, number][];
	/** RMS of the pairs' pixel residuals. */
	rmsPx: number;
}

/**
 * Each catalogue star's nearest detected star within MATCH_TOL px under `wcs`; a detected star
 * claimed twice goes to the closer catalogue star, so a blend cannot count as two matches.
 */
export function matchPairs(wcs: Wcs, detected: readonly Point[], catalog: readonly CatalogStar[]): { pairs: [number, number][]; rmsPx: number } {
	const grid = new PointGrid(detected, MATCH_TOL);
	const best = new Map<number, { cat: number; dist2: number }>();
	catalog.forEach((star, k) => {
		const p = skyToPixel(wcs, star.ra, star.dec);
		if (!p) return;
		const hit = grid.nearest(p.x - 1, p.y - 1, MATCH_TOL);
		if (hit.index < 0) return;
		const held = best.get(hit.index);
		if (!held || hit.dist2 < held.dist2) best.set(hit.index, { cat: k, dist2: hit.dist2 });
	});
	const pairs = [...best.entries()].map(([det, { cat }]): [number, number] => [det, cat]).sort((a, b) => a[0] - b[0]);
	const sum = [...best.values()].reduce((acc, m) => acc + m.dist2, 0);
	return { pairs, rmsPx: pairs.length ? Math.sqrt(sum / pairs.length) : NaN };
}

/**
 * Least squares on all matches: put CRPIX at the image centre and CRVAL at its sky position, fit
 * the pixel offsets to the catalogue stars' tangent-plane positions (affine, so CD takes any
 * rotation, scale and skew), move CRVAL by the fit's offset, re-match; `rounds` times.
 */
export function refineWcs(start: Wcs, detected: readonly Point[], catalog: readonly CatalogStar[], width: number, height: number, rounds: number): Refined {
	const crpix: [number, number] = [(width + 1) / 2, (height + 1) / 2];
	let wcs = start;
	for (let round = 0; round < rounds; round++) {
		const centre = pixelToSky(wcs, crpix[0], crpix[1]);
		wcs = makeWcs({ crval: [centre.ra, centre.dec], crpix, cd: wcs.cd });
		const { pairs } = matchPairs(wcs, detected, catalog);
		if (pairs.length < 3) break;
		const tangent = { ra0: centre.ra, dec0: centre.dec, lonpole: defaultLonpole(centre.dec) };
		const src: Point[] = pairs.map(([i]) => ({ x: detected[i].x + 1 - crpix[0], y: detected[i].y + 1 - crpix[1] }));
		// Degrees are tiny next to pixels; fit in arcseconds so the numbers are of like size.
		const dst: Point[] = pairs.map(([, k]) => {
			const t = skyToTan(tangent, catalog[k].ra, catalog[k].dec)!;
			return { x: t.x * 3600, y: t.y * 3600 };
		});
		const [a, b, c, d, e, f] = fitAffine(src, dst);
		const moved = tanToSky(tangent, c / 3600, f / 3600);
		wcs = makeWcs({
			crval: [moved.ra, moved.dec],
			crpix,
			cd: [
				[a / 3600, b / 3600],
				[d / 3600, e / 3600]
			]
		});
	}
	return { wcs, ...matchPairs(wcs, detected, catalog) };
}
