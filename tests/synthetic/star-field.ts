import { FLUX_MAX, FLUX_MIN, FLUX_SLOPE, FULL_HEIGHT, FULL_WIDTH, MIN_STARS } from './model';
import type { Rng } from './rng';
import { pixelToSky, type Wcs } from '../../src/lib/wcs';
import type { SyntheticStar } from './types';

/** A flux from the truncated power law N(> F) ∝ F^-FLUX_SLOPE on [FLUX_MIN, FLUX_MAX] (inverse CDF). */
function powerLawFlux(rng: Rng): number {
	const lo = FLUX_MIN ** -FLUX_SLOPE;
	const hi = FLUX_MAX ** -FLUX_SLOPE;
	return (lo - rng.next() * (lo - hi)) ** (-1 / FLUX_SLOPE);
}

/** From red (cool) to blue (hot) stars; green is the reference response. */
function starColor(rng: Rng): [number, number, number] {
	const t = rng.next();
	return [0.65 + 0.7 * t, 1, 1.35 - 0.7 * t];
}

/**
 * Stars spread uniformly over `bounds` (reference pixels) at `perFullFrame` stars per full Seestar
 * frame area, but at least MIN_STARS per frame area; brightest first. Each star's RA/Dec is its
 * reference pixel through the reference frame's WCS `refWcs`.
 */
export function makeStarField(
	rng: Rng,
	bounds: [number, number, number, number],
	frameArea: number,
	perFullFrame: number,
	refWcs: Wcs
): SyntheticStar[] {
	const [x0, y0, x1, y1] = bounds;
	const area = (x1 - x0) * (y1 - y0);
	const perFrame = Math.max(MIN_STARS, (perFullFrame * frameArea) / (FULL_WIDTH * FULL_HEIGHT));
	const count = perFullFrame === 0 ? 0 : Math.round((perFrame * area) / frameArea);
	const stars = Array.from({ length: count }, (): SyntheticStar => {
		const x = rng.uniform(x0, x1);
		const y = rng.uniform(y0, y1);
		// Star positions are 0-based; FITS pixels 1-based.
		const { ra, dec } = pixelToSky(refWcs, x + 1, y + 1);
		return { x, y, ra, dec, flux: powerLawFlux(rng), color: starColor(rng) };
	});
	return stars.sort((a, b) => b.flux - a.flux);
}
