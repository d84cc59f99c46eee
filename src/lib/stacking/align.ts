import type { FrameAnalysis, Star } from './types';
import { AlignError, findTransform, starPattern, type Affine, type StarPattern } from './match';

/**
 * A frame with fewer stars than this fraction of the reference's is rejected before matching:
 * clouds, a trail across the field or lost focus take most stars away.
 */
export const MIN_STAR_FRACTION = 0.25;

/** Matched-star flux per second below this fraction of the reference's: clouded (or dewed) frame. */
export const MIN_TRANSPARENCY = 0.5;

/**
 * Sky brighter per second than this multiple of the reference's: clouds lit by the moon or a town.
 * Measured by the noise variance, not the background level: cameras add a pedestal that differs
 * between firmware versions (730 against 125 ADU in the NGC 7023 sample), the sky's shot noise does not.
 */
export const MAX_SKY_RATIO = 8;

export interface AnalysedFrame {
	index: number;
	analysis: FrameAnalysis;
	/** Median star FWHM in pixels (0 when there are no stars). */
	fwhm: number;
	/** Exposure in seconds, when the header says. */
	exptime?: number;
}

export type Alignment =
	| {
			ok: true;
			/** Frame pixel -> reference pixel. */
			transform: Affine;
			rms: number;
			matches: number;
			/** Flux normalisation onto the reference: median over matched stars of reference flux / frame flux. */
			scale: number;
			/** Matched-star flux per second, frame / reference. */
			transparency: number;
	  }
	| { ok: false; reason: string };

/** Median star FWHM of a frame in pixels; 0 when no star was found. */
export function medianFwhm(stars: Star[]): number {
	return median(stars.map((s) => s.fwhm).filter((v) => Number.isFinite(v) && v > 0));
}

/**
 * The best frame to align the others to: most stars, sharpest, least noisy. Ties go to the first in
 * input order, so the choice is deterministic.
 */
export function chooseReference(frames: AnalysedFrame[]): AnalysedFrame | undefined {
	let best: AnalysedFrame | undefined;
	let bestScore = -Infinity;
	for (const f of frames) {
		const score = qualityScore(f.analysis.stars.length, f.fwhm, f.analysis.noise[1]);
		if (score > bestScore) [best, bestScore] = [f, score];
	}
	return best;
}

/** How good a reference a frame makes: the higher the better (chooseReference). */
export function qualityScore(stars: number, fwhm: number, greenNoise: number): number {
	if (stars === 0) return -1;
	return stars / (Math.max(fwhm, 0.5) * Math.max(greenNoise, 1e-6));
}

/** The reference's star pattern: built once when many frames are aligned onto it (alignFrame). */
export function referencePattern(ref: AnalysedFrame): StarPattern {
	return starPattern(ref.analysis.stars, 'reference');
}

/** Aligns one frame onto the reference, or says why it must not be stacked. */
export function alignFrame(frame: AnalysedFrame, ref: AnalysedFrame, pattern: StarPattern = referencePattern(ref)): Alignment {
	const stars = frame.analysis.stars;
	const refStars = ref.analysis.stars;
	if (stars.length < MIN_STAR_FRACTION * refStars.length)
		return { ok: false, reason: `too few stars: ${stars.length} against ${refStars.length} in the reference (clouds, a trail or lost focus)` };

	let match;
	try {
		match = frame === ref ? identityMatch(stars.length) : findTransform(stars, pattern);
	} catch (err) {
		if (err instanceof AlignError) return { ok: false, reason: `${err.kind}: ${err.message}` };
		throw err;
	}

	const ratios = match.pairs.map(([i, j]) => refStars[j].flux / stars[i].flux).filter((v) => Number.isFinite(v) && v > 0);
	const scale = median(ratios);
	if (!(scale > 0)) return { ok: false, reason: 'no matched star with a measurable flux' };
	// A 20 s frame among 10 s frames collects twice the flux and sky; compare per second when both are known.
	const exposureRatio = frame.exptime && ref.exptime ? frame.exptime / ref.exptime : 1;
	const transparency = 1 / scale / exposureRatio;
	if (transparency < MIN_TRANSPARENCY)
		return { ok: false, reason: `clouded: star flux per second is ${transparency.toFixed(2)} of the reference's (minimum ${MIN_TRANSPARENCY})` };

	const sky = (frame.analysis.noise[1] / ref.analysis.noise[1]) ** 2 / exposureRatio;
	if (sky > MAX_SKY_RATIO)
		return { ok: false, reason: `bright sky: sky noise variance per second is ${sky.toFixed(1)} times the reference's (maximum ${MAX_SKY_RATIO})` };

	return { ok: true, transform: match.transform, rms: match.rms, matches: match.pairs.length, scale, transparency };
}

function identityMatch(n: number) {
	return { transform: [1, 0, 0, 0, 1, 0] as Affine, pairs: Array.from({ length: n }, (_, i) => [i, i] as [number, number]), rms: 0 };
}

/**
 * The median (of the middle two, their mean); 0 of none. Sorted as a Float64Array, natively: the
 * same order as comparing numbers for finite values, at a third of the cost of a comparator (the
 * picture takes ~1000 medians of a few hundred values a stack).
 */
export function median(values: number[]): number {
	if (values.length === 0) return 0;
	const s = Float64Array.from(values).sort();
	const n = s.length;
	return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
