import { coneSearch, type CatalogSource, type CatalogStar } from '../catalog';
import { AlignError, findTransform, type Point } from '../stacking/match';
import { MAX_HYPOTHESES } from '../stacking/match/constants';
import { minInliers } from '../stacking/match/significance';
import { parity, pixelScale, pixelToSky, skyToPixel } from '../wcs';
import { CATALOG_STARS, CONE_MARGIN, DETECTED_STARS, MATCH_TOL, MIN_MATCHES, REFINE_ROUNDS, SCALE_TOLERANCE } from './constants';
import { initialWcs } from './initial-wcs';
import { projectCatalog, type XSign } from './project';
import { refineWcs } from './refine-wcs';
import type { SolveInput, SolveResult, Solved } from './types';

/** A detected star with its index in SolveInput.stars. */
type Detected = Point & { index: number };

function brightest(stars: readonly Point[], n: number): Detected[] {
	return stars
		.map((s, index) => ({ ...s, index }))
		.filter((s) => Number.isFinite(s.x) && Number.isFinite(s.y) && Number.isFinite(s.flux))
		.sort((a, b) => (b.flux as number) - (a.flux as number))
		.slice(0, n);
}

/** One parity: match, refine, verify; a reason when it does not solve. */
function tryParity(input: SolveInput, detected: Detected[], catalog: CatalogStar[], sign: XSign): SolveResult {
	const { width, height, hint, scale } = input;
	const projected = projectCatalog(catalog, hint, scale, width, height, sign);
	let transform;
	try {
		transform = findTransform(detected, projected, { model: 'similarity' }).transform;
	} catch (error) {
		if (error instanceof AlignError) return { solved: false, reason: `no star pattern matched the catalogue: ${error.message}` };
		throw error;
	}
	const { wcs, pairs, rmsPx } = refineWcs(initialWcs(transform, hint, scale, width, height, sign), detected, catalog, width, height, REFINE_ROUNDS);
	const found = pixelScale(wcs);
	if (Math.abs(found / scale - 1) > SCALE_TOLERANCE) {
		return { solved: false, reason: `the match implies ${found.toFixed(3)}″/px, beyond ${SCALE_TOLERANCE * 100} % of the nominal ${scale}″/px` };
	}
	// Chance coincidences between these detected stars and the catalogue stars that land on the
	// image, over every hypothesis the matcher may have tried in both parities (see significance.ts).
	const onImage = projected.filter((p) => p.x >= -0.5 && p.y >= -0.5 && p.x <= width - 0.5 && p.y <= height - 0.5);
	const needed = Math.max(MIN_MATCHES, minInliers(detected, onImage.length >= 3 ? onImage : projected, MATCH_TOL, 2 * MAX_HYPOTHESES));
	if (pairs.length < needed) return { solved: false, reason: `only ${pairs.length} catalogue stars matched within ${MATCH_TOL} px, ${needed} needed` };
	const solved: Solved = {
		solved: true,
		wcs,
		centre: pixelToSky(wcs, wcs.crpix[0], wcs.crpix[1]),
		scale: found,
		parity: parity(wcs),
		matches: pairs.length,
		needed,
		rmsArcsec: rmsPx * found,
		matched: pairs.map(([star, k]) => {
			const p = skyToPixel(wcs, catalog[k].ra, catalog[k].dec)!;
			const d = detected[star];
			return { star: d.index, catalog: catalog[k], distArcsec: Math.hypot(p.x - 1 - d.x, p.y - 1 - d.y) * found };
		})
	};
	return solved;
}

/**
 * Plate-solves detected stars against the star catalogue, the plain-TS reference for the kernel's
 * solver: the brightest catalogue stars around the hint, projected onto the nominal pixel grid in
 * both parities, are matched to the brightest detected stars with the frame aligner's triangle
 * matcher; the similarity found becomes a TAN WCS, refined by least squares on every match and
 * accepted only with enough matches that chance cannot explain them.
 */
export async function solveField(source: CatalogSource, input: SolveInput): Promise<SolveResult> {
	const { width, height, hint, scale } = input;
	if (!(width > 0 && height > 0 && scale > 0)) throw new TypeError('solveField: width, height and scale must be positive');
	const halfDiagonal = (Math.hypot(width, height) / 2) * scale * (1 + SCALE_TOLERANCE) / 3600;
	const cone = await coneSearch(source, hint.ra, hint.dec, halfDiagonal * (1 + CONE_MARGIN));
	const catalog = [...cone].sort((a, b) => a.vt - b.vt || a.row - b.row).slice(0, CATALOG_STARS);
	const detected = brightest(input.stars, DETECTED_STARS);
	const reasons: string[] = [];
	for (const sign of [-1, 1] as const) {
		const result = tryParity(input, detected, catalog, sign);
		if (result.solved) return result;
		reasons.push(`${sign < 0 ? 'normal' : 'flipped'}: ${result.reason}`);
	}
	return { solved: false, reason: reasons.join('; ') };
}
