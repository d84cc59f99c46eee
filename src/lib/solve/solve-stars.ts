import { coneSearch, type CatalogSource } from '../catalog';
import type { KernelSolveOutput } from '../stacking/types';
import type { KernelPool } from '../stacking/pool/types';
import { makeWcs, parity, type Sip, type SipPolynomial } from '../wcs';
import { CENTRE_SPACING, DETECTED_STARS, LOG_ODDS_ACCEPT, MAX_CATALOG_STARS, MIN_MATCHES, SCALE_TOLERANCE, WIDEN_RADIUS } from './constants';
import type { SolveInput, SolveResult } from './types';

function checkInput(input: SolveInput): void {
	const { width, height, scale, hint, stars } = input;
	if (!(Number.isInteger(width) && width >= 8 && Number.isInteger(height) && height >= 8)) {
		throw new RangeError(`solveStars: image size ${width} x ${height} must be integers >= 8`);
	}
	if (!(scale > 0 && scale < 3600)) throw new RangeError(`solveStars: nominal scale ${scale}″/px must be in (0, 3600)`);
	if (!hint || !Number.isFinite(hint.ra) || !(Math.abs(hint.dec) <= 90)) throw new RangeError(`solveStars: hint must be a sky position in degrees`);
	if (!Array.isArray(stars)) throw new TypeError('solveStars: stars must be an array of {x, y, flux}');
}

/** Indices of the usable stars, brightest first (ties by index), at most DETECTED_STARS. */
function brightest(input: SolveInput): number[] {
	return input.stars
		.map((s, i) => ({ i, ok: Number.isFinite(s.x) && Number.isFinite(s.y) && Number.isFinite(s.flux), flux: s.flux as number }))
		.filter((s) => s.ok)
		.sort((a, b) => b.flux - a.flux || a.i - b.i)
		.slice(0, DETECTED_STARS)
		.map((s) => s.i);
}

function polynomial(c: number[][], order: number): SipPolynomial {
	return { order, coefficients: Array.from({ length: order + 1 }, (_, p) => Array.from({ length: order + 1 - p }, (_, q) => c[p][q])) };
}

/** Why the kernel gave up, in words. */
function reason(out: KernelSolveOutput, detected: number, catalogue: number, nominal: number): string {
	switch (out.status) {
		case 'too-few-stars':
			return `only ${detected} usable stars detected, at least ${MIN_MATCHES} needed`;
		case 'too-few-catalog':
			return `only ${catalogue} catalogue stars near the hint, at least ${MIN_MATCHES} needed`;
		case 'no-match':
			return `no star pattern matched the catalogue at ${out.centresTried} centres within ${WIDEN_RADIUS}° of the hint (best: ${out.bestInliers} bright stars)`;
		default:
			return (
				`no match passed verification at ${out.centresTried} centres within ${WIDEN_RADIUS}° of the hint: the best of ${out.verified} had ` +
				`${out.matches} matches, log-odds ${out.logOdds.toFixed(1)} and ${out.scale.toFixed(3)}″/px ` +
				`(needs ${MIN_MATCHES}, ${LOG_ODDS_ACCEPT.toFixed(1)} and ${nominal.toFixed(3)}″/px ± ${SCALE_TOLERANCE * 100} %)`
			);
	}
}

/**
 * Plate-solves a stack's or frame's detected stars: the entry point the stacker, the runner and
 * the server use. The catalogue is read once (the cone around the hint the widened search can
 * reach); matching, fitting, verifying and widening run in the kernel on a host of `pool`.
 */
export async function solveStars(pool: KernelPool, source: CatalogSource, input: SolveInput): Promise<SolveResult> {
	checkInput(input);
	const { width, height, hint, scale } = input;
	// The catalogue circle of a candidate: the image's half-diagonal at the largest scale allowed,
	// plus how far the true centre can be from the nearest candidate.
	const spacing = (CENTRE_SPACING * Math.min(width, height) * scale) / 3600;
	const fieldRadius = (Math.hypot(width, height) / 2) * scale * (1 + SCALE_TOLERANCE) / 3600 + spacing * Math.SQRT1_2;
	const cone = await coneSearch(source, hint.ra, hint.dec, WIDEN_RADIUS + fieldRadius);
	const catalog = cone.sort((a, b) => a.vt - b.vt || a.row - b.row).slice(0, MAX_CATALOG_STARS);
	const order = brightest(input);
	const out = await pool.solve({
		stars: Float64Array.from(order.flatMap((i) => [input.stars[i].x, input.stars[i].y])),
		catalog: Float64Array.from(catalog.flatMap((s) => [s.ra, s.dec])),
		width,
		height,
		scale,
		hint: { ra: hint.ra, dec: hint.dec },
		fieldRadius,
		spacing,
		widenRadius: WIDEN_RADIUS
	});
	if (out.status !== 'solved') return { solved: false, reason: reason(out, order.length, catalog.length, scale), triedCentres: out.centresTried };
	const sip: Sip | undefined = out.order > 1 ? { a: polynomial(out.sipA, out.order), b: polynomial(out.sipB, out.order) } : undefined;
	const wcs = makeWcs({ crval: out.crval, crpix: out.crpix, cd: out.cd, ...(sip ? { sip } : {}) });
	return {
		solved: true,
		wcs,
		centre: { ra: out.crval[0], dec: out.crval[1] },
		scale: out.scale,
		parity: parity(wcs),
		matches: out.matches,
		needed: MIN_MATCHES,
		rmsArcsec: out.rmsArcsec,
		matched: out.matched
			.map((m) => ({ star: order[m.star], catalog: { ra: catalog[m.catalog].ra, dec: catalog[m.catalog].dec, vt: catalog[m.catalog].vt, row: catalog[m.catalog].row, bv: catalog[m.catalog].bv }, distArcsec: m.distArcsec }))
			.sort((a, b) => a.star - b.star),
		logOdds: out.logOdds,
		triedCentres: out.centresTried
	};
}
