import { FLUX_AT_VT10, FLUX_MAX, FLUX_MIN, FLUX_SLOPE, FULL_HEIGHT, FULL_WIDTH, MIN_STARS } from './model';
import type { Rng } from './rng';
import { pixelToSky, skyToPixel, type Wcs } from '../../src/lib/wcs';
import type { CatalogStar } from '../../src/lib/catalog';
import type { SyntheticStar } from './types';

/** A flux from the truncated power law N(> F) ∝ F^-FLUX_SLOPE on [FLUX_MIN, max] (inverse CDF). */
function powerLawFlux(rng: Rng, max: number): number {
	const lo = FLUX_MIN ** -FLUX_SLOPE;
	const hi = max ** -FLUX_SLOPE;
	return (lo - rng.next() * (lo - hi)) ** (-1 / FLUX_SLOPE);
}

/** From red (cool) to blue (hot) stars; green is the reference response. */
function starColor(rng: Rng): [number, number, number] {
	const t = rng.next();
	return [0.65 + 0.7 * t, 1, 1.35 - 0.7 * t];
}

/** A catalogue star's flux from its VT magnitude. */
export function vtFlux(vt: number): number {
	return FLUX_AT_VT10 * 10 ** (-0.4 * (vt - 10));
}

/** The catalogue stars whose true position through `refWcs` falls within `bounds` (reference pixels). */
function catalogStars(rng: Rng, bounds: [number, number, number, number], catalog: readonly CatalogStar[], refWcs: Wcs): SyntheticStar[] {
	const [x0, y0, x1, y1] = bounds;
	const stars: SyntheticStar[] = [];
	for (const c of [...catalog].sort((a, b) => a.row - b.row)) {
		const p = skyToPixel(refWcs, c.ra, c.dec);
		// FITS pixels are 1-based, star positions 0-based.
		if (!p || p.x - 1 < x0 || p.x - 1 > x1 || p.y - 1 < y0 || p.y - 1 > y1) continue;
		stars.push({ x: p.x - 1, y: p.y - 1, ra: c.ra, dec: c.dec, flux: vtFlux(c.vt), color: starColor(rng), catalogRow: c.row });
	}
	return stars;
}

/**
 * Stars spread uniformly over `bounds` (reference pixels) at `perFullFrame` stars per full Seestar
 * frame area, but at least MIN_STARS per frame area; brightest first. Each star's RA/Dec is its
 * reference pixel through the reference frame's WCS `refWcs`. With `catalog`, its stars are drawn
 * too, at their true positions, and the random stars stay fainter than the faintest of them: a
 * real sky whose unlisted stars are the ones below the catalogue's limit.
 */
export function makeStarField(
	rng: Rng,
	bounds: [number, number, number, number],
	frameArea: number,
	perFullFrame: number,
	refWcs: Wcs,
	catalog: readonly CatalogStar[] | null
): SyntheticStar[] {
	const [x0, y0, x1, y1] = bounds;
	const area = (x1 - x0) * (y1 - y0);
	const perFrame = Math.max(MIN_STARS, (perFullFrame * frameArea) / (FULL_WIDTH * FULL_HEIGHT));
	const count = perFullFrame === 0 ? 0 : Math.round((perFrame * area) / frameArea);
	const listed = catalog ? catalogStars(rng, bounds, catalog, refWcs) : [];
	const maxFlux = catalog ? Math.min(FLUX_MAX, ...listed.map((s) => s.flux)) : FLUX_MAX;
	const random = Array.from({ length: count }, (): SyntheticStar => {
		const x = rng.uniform(x0, x1);
		const y = rng.uniform(y0, y1);
		// Star positions are 0-based; FITS pixels 1-based.
		const { ra, dec } = pixelToSky(refWcs, x + 1, y + 1);
		return { x, y, ra, dec, flux: powerLawFlux(rng, maxFlux), color: starColor(rng) };
	});
	return [...listed, ...random].sort((a, b) => b.flux - a.flux);
}
