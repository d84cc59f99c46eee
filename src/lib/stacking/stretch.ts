/**
 * The stretch of a linear RGB image, PixInsight's linked screen-transfer function: a black point
 * per channel (σ below or above its sky median, removing the sky's colour cast), one white point and
 * one midtones balance for all three, which keep the colour ratios of everything above the sky.
 * Thumbnails and the Compute preview use the automatic one; the Stack page lets the viewer adjust it.
 * Pure and deterministic, for browser and Node.
 */

/** PixInsight's auto-stretch: black point 2.8 σ below the median, background at 25 %. */
export const AUTO_SHADOWS = -2.8;
const TARGET_BACKGROUND = 0.25;
/** MAD -> sigma for a normal distribution. */
const MAD_TO_SIGMA = 1.4826;
/** Statistics from at most this many samples per channel: exact enough, fast on a phone. */
const MAX_SAMPLES = 200_000;

/** Three linear colour planes of width × height, NaN where nothing was measured. */
export interface RgbPlanes {
	width: number;
	height: number;
	r: Float32Array;
	g: Float32Array;
	b: Float32Array;
}

export interface ChannelStats {
	median: number;
	sigma: number;
	min: number;
	max: number;
}

export interface StretchParams {
	/** Black point in σ relative to each channel's median (negative: below the sky). */
	shadows: number;
	/** Midtones balance m of the transfer function, (0, 1): smaller is a stronger stretch. */
	midtones: number;
}

/** Median, robust sigma (from the MAD) and range of a plane's finite values. */
export function channelStats(plane: Float32Array): ChannelStats {
	const step = Math.max(1, Math.floor(plane.length / MAX_SAMPLES));
	const sample: number[] = [];
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < plane.length; i++) {
		const v = plane[i];
		if (!Number.isFinite(v)) continue;
		if (v < min) min = v;
		if (v > max) max = v;
		if (i % step === 0) sample.push(v);
	}
	if (sample.length === 0) return { median: 0, sigma: 0, min: 0, max: 1 };
	const median = middle(Float64Array.from(sample).sort());
	const mad = middle(Float64Array.from(sample, (v) => Math.abs(v - median)).sort());
	return { median, sigma: mad * MAD_TO_SIGMA, min, max };
}

/** The automatic stretch: background (the mean normalised median) brought to 25 %. */
export function autoStretch(stats: ChannelStats[]): StretchParams {
	const { black, range } = levels(stats, AUTO_SHADOWS);
	const x = stats.reduce((sum, s, c) => sum + clamp01((s.median - black[c]) / range[c]), 0) / stats.length;
	// mtf(t, x) is the m for which mtf(m, x) = t.
	return { shadows: AUTO_SHADOWS, midtones: x > 0 && x < 1 ? mtf(TARGET_BACKGROUND, x) : 0.5 };
}

/** Writes the stretched image into `out` (RGBA, width × height × 4); a pixel without value is black. */
export function renderStretch(p: RgbPlanes, stats: ChannelStats[], params: StretchParams, out: Uint8ClampedArray): void {
	const n = p.width * p.height;
	if (out.length !== n * 4) throw new RangeError(`output has ${out.length} bytes, expected ${n * 4}`);
	const { black, range } = levels(stats, params.shadows);
	const m = Math.min(0.9999, Math.max(1e-5, params.midtones));
	const planes = [p.r, p.g, p.b];
	for (let c = 0; c < 3; c++) {
		const plane = planes[c];
		const b = black[c];
		const inv = 1 / range[c];
		for (let i = 0; i < n; i++) {
			const v = plane[i];
			out[i * 4 + c] = Number.isFinite(v) ? 255 * mtf(m, clamp01((v - b) * inv)) : 0; // the clamped array rounds
		}
	}
	for (let i = 0; i < n; i++) out[i * 4 + 3] = 255;
}

/** Midtones transfer function: maps 0 -> 0, m -> 0.5, 1 -> 1. */
export function mtf(m: number, x: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	return ((m - 1) * x) / ((2 * m - 1) * x - m);
}

/** Black points (never below a channel's darkest pixel) and the shared white point for given shadows. */
export function levels(stats: ChannelStats[], shadows: number): { black: number[]; range: number[] } {
	const white = Math.max(...stats.map((s) => s.max));
	const black = stats.map((s) => Math.min(white, Math.max(s.min, s.median + shadows * s.sigma)));
	return { black, range: black.map((b) => (white > b ? white - b : 1)) };
}

function middle(sorted: Float64Array): number {
	const n = sorted.length;
	return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

function clamp01(x: number): number {
	return x < 0 ? 0 : x > 1 ? 1 : x;
}
