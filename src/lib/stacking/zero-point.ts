import type { MatchedStar } from '../solve';
import { median } from './align';
import { apertureFlux, type Aperture, type ApertureFlux } from './aperture';
import type { Combined } from './combine';
import type { Star } from './types';

/** Aperture radius and sky annulus in units of the stack's FWHM: the aperture holds nearly all of a star's light, the annulus none. */
export const APERTURE_FWHM = 2;
export const SKY_INNER_FWHM = 3;
export const SKY_OUTER_FWHM = 5;
/** A neighbour at least this fraction as bright within the aperture radius + 1 FWHM spoils the star's flux by more than 0.01 mag. */
const BLEND_FLUX_RATIO = 0.01;
/** A star whose brightest aperture pixel reaches this fraction of the reference frame's full scale may be clipped in some frame. */
const SATURATION_FRACTION = 0.8;
/**
 * Most of the sky annulus a frame's edge may leave short of NIMAGES frames: beyond 10 % the edge
 * could reach the aperture (a straight edge that leaves the aperture alone cuts under 22 %).
 */
const MAX_SHORT_SKY = 0.1;
/** Fewest stars a zero point is given for. */
export const MIN_ZERO_POINT_STARS = 3;
/** MAD to Gaussian sigma. */
const MAD_SIGMA = 1.4826;

export interface PlaneZeroPoint {
	/** Median over the stars of VT + 2.5 log10(flux / exposure). */
	zp: number;
	/** Robust scatter of the stars' zero points (1.4826 MAD), mag. */
	sigma: number;
}

export interface ZeroPoints {
	/** Aperture radius used, pixels. */
	aperturePx: number;
	/** Indices (into the stack's stars) of the stars used, ascending. */
	used: number[];
	/** Null when fewer than MIN_ZERO_POINT_STARS stars are usable. */
	r: PlaneZeroPoint | null;
	g: PlaneZeroPoint | null;
	b: PlaneZeroPoint | null;
}

export interface ZeroPointInput {
	stack: Combined;
	width: number;
	height: number;
	nimages: number;
	stars: Star[];
	matched: MatchedStar[];
	fwhmPx: number;
	/** Seconds the flux is divided by (the stack's EXPTIME). */
	exposure: number;
	/** Full scale of the reference frame, ADU; undefined when unknown (float frames). */
	fullScale?: number;
}

/**
 * The photometric zero point of each colour plane against Tycho VT: aperture photometry of the
 * catalogue-matched stars, skipping those whose aperture or annulus is partly covered or off the
 * image, that may be saturated, or that have a bright neighbour; the median of the stars' zero
 * points, so VT ≈ ZP − 2.5 log10(flux in ADU / exposure in s). `log10` is the kernel's: the
 * result must be the same bits in a browser and in Node, and Math.log10 is not.
 */
export async function zeroPoints(input: ZeroPointInput, log10: (values: Float64Array) => Promise<Float64Array>): Promise<ZeroPoints> {
	const { stack, width, height, nimages, stars, fwhmPx, exposure } = input;
	if (!(fwhmPx > 0 && exposure > 0)) throw new RangeError(`zeroPoints needs a positive FWHM and exposure, got ${fwhmPx} px and ${exposure} s`);
	const ap: Aperture = { radius: APERTURE_FWHM * fwhmPx, skyInner: SKY_INNER_FWHM * fwhmPx, skyOuter: SKY_OUTER_FWHM * fwhmPx };
	const saturated = input.fullScale !== undefined ? SATURATION_FRACTION * input.fullScale : Infinity;
	const blendRadius2 = (ap.radius + fwhmPx) ** 2;
	const planes = [stack.r, stack.g, stack.b];
	const used: number[] = [];
	const vt: number[] = [];
	// Flux per second, star by star, R, G, B for each.
	const rates: number[] = [];
	const matched = [...input.matched].sort((a, b) => a.star - b.star);
	for (const m of matched) {
		const s = stars[m.star];
		const blended = stars.some(
			(o, k) => k !== m.star && (o.x - s.x) ** 2 + (o.y - s.y) ** 2 <= blendRadius2 && o.flux >= BLEND_FLUX_RATIO * s.flux
		);
		if (blended) continue;
		const fluxes = planes.map((p) => apertureFlux(p, stack.coverage, width, height, nimages, s.x, s.y, ap));
		if (!fluxes.every((f): f is ApertureFlux => f !== null && f.flux > 0 && f.peak < saturated && f.shortSky <= MAX_SHORT_SKY)) continue;
		used.push(m.star);
		vt.push(m.catalog.vt);
		for (const f of fluxes) rates.push(f.flux / exposure);
	}
	const logs = rates.length ? await log10(Float64Array.from(rates)) : new Float64Array(0);
	const plane = (c: number): PlaneZeroPoint | null => {
		if (used.length < MIN_ZERO_POINT_STARS) return null;
		const zps = vt.map((v, i) => v + 2.5 * logs[i * 3 + c]);
		const zp = median(zps);
		return { zp, sigma: MAD_SIGMA * median(zps.map((v) => Math.abs(v - zp))) };
	};
	return { aperturePx: ap.radius, used, r: plane(0), g: plane(1), b: plane(2) };
}
