import { median } from '../stacking/align';
import type { StarColour } from './stars';
import type { ColourCalibration, ColourStar, Planes, Rect } from './types';
import { scaleRB, whiteBalance } from './white-balance';

/**
 * The white reference: a G2V star, the Sun (B−V 0.65). Daylight is what eyes take as white, and the
 * reference is one physical spectrum that needs no model of a galaxy population (an average spiral,
 * B−V ≈ 0.8, would render the same stars bluer); the field's own average star, the fallback, is
 * typically a redder K-ish star, so a catalogue-calibrated picture reads slightly warmer.
 */
export const WHITE_BV = 0.65;
/** Fewer matched stars than this leave the fit's slope unsure: the average star is used. */
export const MIN_CATALOGUE_STARS = 8;
/** A catalogue star and a measured one this close (px) are one star: solutions are good to ~1″ (0.4 px). */
const MATCH_PX = 3;
/** Outliers (variables, blends, a wrong match) past this many robust sigmas are left out, then refitted. */
const CLIP_SIGMA = 3;
/** A floor under the robust sigma (in ln ratio): a few stars lying exactly on a line clip nothing good. */
const MIN_SIGMA = 0.01;
/** Clipping stops after this many refits even if it would go on. */
const MAX_ROUNDS = 10;

/**
 * Photometric colour calibration, in place: the measured stars matched to catalogue stars of known
 * B−V (`reference`, stack pixels; `crop` is where the planes start), ln(R/G) and ln(B/G) fitted
 * linearly against B−V with iterative clipping, and R and B scaled so that a star of WHITE_BV comes
 * out R = G = B. Saturated stars are already out (stars.ts). Without a reference or with fewer than
 * MIN_CATALOGUE_STARS kept, the average-star white balance.
 */
export function calibrateColour(p: Planes, stars: StarColour[], reference: ColourStar[] | undefined, crop: Rect): ColourCalibration {
	const fit = reference ? catalogueFit(matchStars(stars, reference, crop)) : null;
	if (!fit) {
		whiteBalance(p, stars);
		return { method: 'average-star', stars: stars.length };
	}
	scaleRB(p, Math.exp(-fit.r.at(WHITE_BV)), Math.exp(-fit.b.at(WHITE_BV)));
	return { method: 'catalogue', stars: fit.stars };
}

interface Pair {
	bv: number;
	/** ln(R/G), ln(B/G) of the measured star. */
	lr: number;
	lb: number;
}

/** Each measured star with the nearest catalogue star within MATCH_PX; a catalogue star two claim is left out (a blend). */
export function matchStars(stars: StarColour[], reference: ColourStar[], crop: Rect): Pair[] {
	const claims = new Map<number, number[]>();
	stars.forEach((s, i) => {
		let best = -1;
		let bestD = MATCH_PX;
		reference.forEach((c, j) => {
			const d = Math.hypot(c.x - crop.x - s.x, c.y - crop.y - s.y);
			if (d <= bestD && (d < bestD || best < 0)) [best, bestD] = [j, d];
		});
		if (best >= 0) claims.set(best, [...(claims.get(best) ?? []), i]);
	});
	const pairs: Pair[] = [];
	for (const [j, claimants] of [...claims].sort((a, b) => a[0] - b[0])) {
		if (claimants.length !== 1) continue;
		const s = stars[claimants[0]];
		pairs.push({ bv: reference[j].bv, lr: Math.log(s.r / s.g), lb: Math.log(s.b / s.g) });
	}
	return pairs;
}

interface Line {
	at(bv: number): number;
}

/** Both lines fitted on the same stars, a star out when either channel's residual is an outlier; null under the minimum. */
function catalogueFit(pairs: Pair[]): { r: Line; b: Line; stars: number } | null {
	let kept = pairs;
	for (let round = 0; ; round++) {
		if (kept.length < MIN_CATALOGUE_STARS) return null;
		const r = fitLine(kept.map((p) => p.bv), kept.map((p) => p.lr));
		const b = fitLine(kept.map((p) => p.bv), kept.map((p) => p.lb));
		if (!r || !b) return null;
		const limit = (line: Line, key: 'lr' | 'lb') => CLIP_SIGMA * Math.max(MIN_SIGMA, 1.4826 * median(kept.map((p) => Math.abs(p[key] - line.at(p.bv)))));
		const [limR, limB] = [limit(r, 'lr'), limit(b, 'lb')];
		const next = kept.filter((p) => Math.abs(p.lr - r.at(p.bv)) <= limR && Math.abs(p.lb - b.at(p.bv)) <= limB);
		if (next.length === kept.length || round === MAX_ROUNDS) return { r, b, stars: kept.length };
		kept = next;
	}
}

/** Least squares y = a + s·(x − x̄); null when all x are equal (no slope to be had). */
function fitLine(x: number[], y: number[]): Line | null {
	const n = x.length;
	let mx = 0;
	let my = 0;
	for (let i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= n;
	my /= n;
	let sxx = 0;
	let sxy = 0;
	for (let i = 0; i < n; i++) {
		sxx += (x[i] - mx) ** 2;
		sxy += (x[i] - mx) * (y[i] - my);
	}
	if (!(sxx > 0)) return null;
	const slope = sxy / sxx;
	return { at: (bv) => my + slope * (bv - mx) };
}
