/**
 * The per-channel histogram under the stretch controls: counts of the linear preview's values on an
 * asinh axis (linear within a sky σ of the darkest black point, logarithmic above, so the sky's peak
 * and the stars' tail both get room), and where the stretch puts its black, midtones and white points.
 */
import { levels, type ChannelStats, type RgbPlanes, type StretchParams } from '$lib/stacking/stretch';

export const HISTOGRAM_BINS = 256;
/** The black-point slider's lowest setting, σ below the median: the axis starts there. */
const LOWEST_SHADOWS = -6;

export interface HistogramAxis {
	lo: number;
	hi: number;
	/** Values within `soft` of `lo` are spaced linearly. */
	soft: number;
}

/** From the lowest black point the slider can set to the white point (the brightest value). */
export function histogramAxis(stats: ChannelStats[]): HistogramAxis {
	const lo = Math.min(...stats.map((s) => Math.max(s.min, s.median + LOWEST_SHADOWS * s.sigma)));
	const hi = Math.max(...stats.map((s) => s.max));
	const sigmas = stats.map((s) => s.sigma).filter((s) => s > 0);
	const soft = Math.max(sigmas.length ? Math.min(...sigmas) : 0, (hi - lo) * 1e-6, Number.MIN_VALUE);
	return { lo, hi, soft };
}

/** Where value `v` sits on the axis, 0 (at or below `lo`) to 1 (at or above `hi`). */
export function axisPosition(axis: HistogramAxis, v: number): number {
	if (!(axis.hi > axis.lo)) return 0;
	const x = Math.asinh((v - axis.lo) / axis.soft) / Math.asinh((axis.hi - axis.lo) / axis.soft);
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Counts per bin of R, G and B; values that are not finite (no data) are left out. */
export function channelHistograms(p: RgbPlanes, axis: HistogramAxis, bins = HISTOGRAM_BINS): Uint32Array[] {
	return [p.r, p.g, p.b].map((plane) => {
		const counts = new Uint32Array(bins);
		for (let i = 0; i < plane.length; i++) {
			const v = plane[i];
			if (Number.isFinite(v)) counts[Math.min(bins - 1, Math.floor(axisPosition(axis, v) * bins))]++;
		}
		return counts;
	});
}

/** The stretch's points on the axis: each channel's black point and midtones point (output 50 %), the shared white point. */
export function stretchMarks(stats: ChannelStats[], params: StretchParams, axis: HistogramAxis) {
	const { black, range } = levels(stats, params.shadows);
	return {
		black: black.map((b) => axisPosition(axis, b)),
		midtones: black.map((b, c) => axisPosition(axis, b + params.midtones * range[c])),
		white: axisPosition(axis, Math.max(...stats.map((s) => s.max)))
	};
}
