// Star lists for the solver without rendering frames: the catalogue's stars through a known true
// WCS (what a clear frame's detector would report), and pure noise.
import type { CatalogSource } from '../../../src/lib/catalog';
import type { SolveInput } from '../../../src/lib/solve';
import type { Point } from '../../../src/lib/stacking/match';
import { defaultLonpole, skyToPixel, tanToSky, type SkyPosition, type Wcs } from '../../../src/lib/wcs';
import { catalogFieldStars } from '../../synthetic';
import { FLUX_MIN, FULL_HEIGHT, FULL_WIDTH } from '../../synthetic/model';
import type { Rng } from '../../synthetic/rng';
import { referenceWcs } from '../../synthetic/sky';
import { vtFlux } from '../../synthetic/star-field';

/** The Seestar S50's nominal scale from its header (2.9 µm at 250 mm), about 1 % above the true 2.376″/px. */
export const NOMINAL_SCALE = (206.265 * 2.9) / 250;

/** The sky position `distDeg` from `from` towards position angle `paDeg`. */
export function offsetSky(from: SkyPosition, distDeg: number, paDeg: number): SkyPosition {
	const r = (Math.tan((distDeg * Math.PI) / 180) * 180) / Math.PI;
	const pa = (paDeg * Math.PI) / 180;
	return tanToSky({ ra0: from.ra, dec0: from.dec, lonpole: defaultLonpole(from.dec) }, r * Math.sin(pa), r * Math.cos(pa));
}

/** A detected star with its flux, as a detector reports it. */
type Detected = Point & { flux: number };

/** Uniform random stars over a width x height image with fluxes spread over two decades. */
export function randomStars(rng: Rng, count: number, width = FULL_WIDTH, height = FULL_HEIGHT): Detected[] {
	return Array.from({ length: count }, () => ({ x: rng.uniform(0, width - 1), y: rng.uniform(0, height - 1), flux: FLUX_MIN * 10 ** (2 * rng.next()) }));
}

export interface SkyStarList {
	input: SolveInput;
	truth: Wcs;
	/** How many of the stars are catalogue stars. */
	listed: number;
}

/**
 * A clear full-size frame's star list at `field`: each catalogue star on the image through the
 * true WCS (the generator's reference WCS: 2.376″/px, mirrored), 0.1 px of centroid noise, flux
 * from VT with 5 % scatter, plus `faint` random stars below the faintest catalogue star. The hint
 * is the field centre moved 10′ in a random direction, as the Seestar's mount reports.
 */
export async function skyStarList(source: CatalogSource, rng: Rng, field: SkyPosition & { angleDeg: number }, faint = 100): Promise<SkyStarList> {
	const [width, height] = [FULL_WIDTH, FULL_HEIGHT];
	const truth = referenceWcs(field, width, height);
	const stars: Detected[] = [];
	for (const c of await catalogFieldStars(source, field, width, height)) {
		const p = skyToPixel(truth, c.ra, c.dec);
		if (!p || p.x < 1 || p.y < 1 || p.x > width || p.y > height) continue;
		stars.push({ x: p.x - 1 + 0.1 * rng.normal(), y: p.y - 1 + 0.1 * rng.normal(), flux: vtFlux(c.vt) * (1 + 0.05 * rng.normal()) });
	}
	const listed = stars.length;
	const floor = Math.min(...stars.map((s) => s.flux), vtFlux(12.5));
	for (const s of randomStars(rng, faint, width, height)) stars.push({ ...s, flux: (s.flux / (100 * FLUX_MIN)) * floor });
	return { input: { stars, width, height, hint: offsetSky(field, 10 / 60, rng.uniform(0, 360)), scale: NOMINAL_SCALE }, truth, listed };
}
