// Quality of our stack beside Siril's on a synthetic set: background noise at the same flux scale,
// and what is left of the satellite trail and of the hot pixels whose true positions the generator recorded.
import { applyAffine, composeAffine, findTransform, invertAffine, type Affine, type MatchResult } from '../src/lib/stacking/match';
import type { Star } from '../src/lib/stacking/types';
import type { KernelPool } from '../src/lib/stacking/pool/types';
import { detectStackStars } from '../src/lib/stacking/stack-stars';
import type { StackReport } from '../src/lib/stacking/types';
import type { SyntheticSet } from '../tests/synthetic';
import { apertureFlux, backgroundSigma, lineExcess, median, quantile, siteExcess, starMask } from './image-stats';
import { flipRows, ourStackPlanes, sirilPlanes, type Planes } from './planes';

/** Edge band left out of every measure: frames shift and rotate, so coverage is partial there. */
const MARGIN = 100;
/** Brightest stars used to match the two stacks' geometries. */
const MATCH_STARS = 300;
/** Hot-pixel sites this close to any true star are left out: at 90 frames even the faintest star the
 * generator draws (300 ADU) stands ~10 sigma above the sky, and is not a residual. */
const STAR_CLEARANCE = 12;

type Rgb = [number, number, number];

export interface StackQuality {
	/** Background noise per channel, in our stack's units (Siril's divided by its flux scale). */
	sigma: Rgb;
	/** Median excess along the true trail line, in background sigmas, per channel. */
	trail: Rgb;
	/** Hot pixels: the 99th percentile and the maximum over every aligned frame's true hot pixels
	 * (mapped into the stack, away from stars) and channel of (value - ring median) / sigma; and the
	 * 99th percentile of the same at the control sites, where there is only noise (~2.3 for white noise). */
	hot: { p99: number; max: number; sites: number; noiseP99: number };
}

export interface QualityComparison {
	ours: StackQuality;
	siril: StackQuality;
	/** Siril flux / our flux per channel, from aperture photometry of the matched stars. */
	scale: Rgb;
	matchedStars: number;
	/** Siril's rows run the other way up. */
	sirilFlipped: boolean;
}

async function starsOn(pool: KernelPool, p: Planes): Promise<Star[]> {
	const [r, g, b] = p.rgb;
	const coverage = Uint16Array.from(r, (v, i) => (Number.isFinite(v) && Number.isFinite(g[i]) && Number.isFinite(b[i]) ? 1 : 0));
	const sky = median(Array.from({ length: 20000 }, (_, k) => g[Math.floor((k * g.length) / 20000)]).filter(Number.isFinite));
	return detectStackStars(pool, { r, g, b, coverage, rejected: 0 }, p.width, p.height, sky);
}

/** Ours -> Siril, trying Siril's rows as they are and upside down. */
function matchStacks(ours: Star[], siril: Star[], height: number): { match: MatchResult; flipped: boolean } {
	const top = (s: Star[]) => s.slice(0, MATCH_STARS);
	const tries = [false, true].flatMap((flipped) => {
		const dst = flipped ? top(siril).map((s) => ({ ...s, y: height - 1 - s.y })) : top(siril);
		try {
			return [{ match: findTransform(top(ours), dst, { model: 'similarity' }), flipped }];
		} catch {
			return [];
		}
	});
	if (tries.length === 0) throw new Error('could not match the stars of our stack to those of Siril\'s');
	return tries.sort((a, b) => b.match.pairs.length - a.match.pairs.length)[0];
}

/** The trail frame's true trail, as a segment in our stack's (our reference frame's) pixels. */
function trailInOurs(set: SyntheticSet, report: StackReport): [[number, number], [number, number]] {
	const trail = set.frames.find((f) => f.trailLine);
	const ref = set.frames.find((f) => f.file === report.reference);
	if (!trail?.trailLine || !ref) throw new Error('the synthetic truth names no trail frame, or not our reference frame');
	// truth transforms map frame pixels to frame 0's; ours maps to our reference's.
	const toRef: Affine = composeAffine(invertAffine(ref.transform), trail.transform);
	const [ax, ay, bx, by] = trail.trailLine;
	return [applyAffine(toRef, ax, ay), applyAffine(toRef, bx, by)];
}

/** Where noise alone is measured: each hot-pixel site moved by this much, px (no hot pixel lands there by design). */
const CONTROL_SHIFT: [number, number] = [37, 23];

/** Every stacked frame's true hot pixels in our stack's pixels, and the same sites moved by
 * CONTROL_SHIFT (the control), both away from true stars. */
function hotSitesInOurs(set: SyntheticSet, report: StackReport): { hot: [number, number][]; control: [number, number][] } {
	const ref = set.frames.find((f) => f.file === report.reference);
	if (!ref) throw new Error('the synthetic truth does not hold our reference frame');
	const fromRef = invertAffine(ref.transform);
	const stars = set.stars.map((s) => applyAffine(fromRef, s.x, s.y));
	const clear = ([x, y]: [number, number]) => stars.every(([sx, sy]) => (sx - x) ** 2 + (sy - y) ** 2 >= STAR_CLEARANCE ** 2);
	const sites = set.frames.flatMap((f, i) => {
		if (report.frames[i]?.status !== 'aligned') return [];
		const toRef = composeAffine(fromRef, f.transform);
		return f.hotPixels.map(([x, y]) => applyAffine(toRef, x, y));
	});
	return { hot: sites.filter(clear), control: sites.map(([x, y]): [number, number] => [x + CONTROL_SHIFT[0], y + CONTROL_SHIFT[1]]).filter(clear) };
}

type Sites = { hot: [number, number][]; control: [number, number][] };

function quality(p: Planes, stars: Star[], line: [[number, number], [number, number]], sites: Sites, scale: Rgb): StackQuality {
	const fwhm = median(stars.slice(0, 200).map((s) => s.fwhm));
	const raw = backgroundSigma(p, starMask(p.width, p.height, stars, Math.max(6, 4 * fwhm)), MARGIN);
	const excess = lineExcess(p, line[0], line[1], MARGIN);
	const hot = siteExcess(p, sites.hot, raw, MARGIN);
	return {
		sigma: raw.map((s, c) => s / scale[c]) as Rgb,
		trail: excess.map((e, c) => e / raw[c]) as Rgb,
		hot: { p99: quantile(hot, 0.99), max: Math.max(...hot), sites: hot.length / 3, noiseP99: quantile(siteExcess(p, sites.control, raw, MARGIN), 0.99) }
	};
}

export async function compareQuality(opts: { ours: Uint8Array; siril: Uint8Array; set: SyntheticSet; report: StackReport; pool: KernelPool }): Promise<QualityComparison> {
	const ours = ourStackPlanes(opts.ours);
	const sirilRaw = sirilPlanes(opts.siril);
	const oursStars = await starsOn(opts.pool, ours);
	const sirilStarsRaw = await starsOn(opts.pool, sirilRaw);
	const { match, flipped } = matchStacks(oursStars, sirilStarsRaw, sirilRaw.height);
	const siril = flipped ? flipRows(sirilRaw) : sirilRaw;
	const sirilStars = flipped ? sirilStarsRaw.map((s) => ({ ...s, y: sirilRaw.height - 1 - s.y })) : sirilStarsRaw;

	const scale = [0, 1, 2].map((c) => {
		const ratios = match.pairs.flatMap(([i, j]) => {
			const a = apertureFlux(ours.rgb[c], ours.width, ours.height, oursStars[i].x, oursStars[i].y);
			const b = apertureFlux(siril.rgb[c], siril.width, siril.height, sirilStars[j].x, sirilStars[j].y);
			return a > 0 && b > 0 ? [b / a] : [];
		});
		return median(ratios);
	}) as Rgb;

	const line = trailInOurs(opts.set, opts.report);
	const sirilLine = line.map(([x, y]) => applyAffine(match.transform, x, y)) as typeof line;
	const sites = hotSitesInOurs(opts.set, opts.report);
	const toSiril = (list: [number, number][]) => list.map(([x, y]) => applyAffine(match.transform, x, y));
	const sirilSites = { hot: toSiril(sites.hot), control: toSiril(sites.control) };
	return {
		ours: quality(ours, oursStars, line, sites, [1, 1, 1]),
		siril: quality(siril, sirilStars, sirilLine, sirilSites, scale),
		scale,
		matchedStars: match.pairs.length,
		sirilFlipped: flipped
	};
}
