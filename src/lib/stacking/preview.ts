/**
 * An 8-bit view of a linear stack: area-averaged down to fit `maxSize`, then stretched like
 * PixInsight's linked screen-transfer function. Pure and deterministic, for browser and Node.
 */

/** Black point: this many normalised MADs below the median (PixInsight's STF default). */
const SHADOWS_CLIP = -2.8;
/** Where the sky background lands after the stretch (0..1). */
const TARGET_BACKGROUND = 0.25;
/** MAD -> sigma for a normal distribution. */
const MAD_TO_SIGMA = 1.4826;

export interface Preview {
	width: number;
	height: number;
	rgba: Uint8ClampedArray;
}

export function makePreview(r: Float32Array, g: Float32Array, b: Float32Array, width: number, height: number, maxSize: number): Preview {
	if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
		throw new RangeError(`preview size must be positive integers, got ${width} x ${height}`);
	if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`preview maxSize must be a positive integer, got ${maxSize}`);
	for (const [name, plane] of [['red', r], ['green', g], ['blue', b]] as const)
		if (plane.length !== width * height)
			throw new RangeError(`${name} plane has ${plane.length} values, expected ${width} x ${height} = ${width * height}`);

	const s = Math.min(1, maxSize / Math.max(width, height));
	const ow = Math.max(1, Math.round(width * s));
	const oh = Math.max(1, Math.round(height * s));
	const planes = [r, g, b].map((p) => areaAverage(p, width, height, ow, oh));

	// Linked stretch: a black point per channel removes the sky's colour cast, one white point and one
	// midtones balance for all three keep the colour ratios of everything above the sky.
	const stats = planes.map(medianAndMad);
	const black = stats.map(({ median, mad }, c) => Math.max(minFinite(planes[c]), median + SHADOWS_CLIP * MAD_TO_SIGMA * mad));
	const white = Math.max(...planes.map(maxFinite));
	const ranges = black.map((c0) => (white > c0 ? white - c0 : 1));
	const medianNorm = stats.reduce((sum, { median }, c) => sum + clamp01((median - black[c]) / ranges[c]), 0) / 3;
	const midtones = medianNorm > 0 && medianNorm < 1 ? mtf(TARGET_BACKGROUND, medianNorm) : 0.5;

	const rgba = new Uint8ClampedArray(ow * oh * 4);
	for (let i = 0; i < ow * oh; i++) {
		for (let c = 0; c < 3; c++) {
			const v = planes[c][i];
			rgba[i * 4 + c] = Number.isFinite(v) ? Math.round(255 * mtf(midtones, clamp01((v - black[c]) / ranges[c]))) : 0;
		}
		rgba[i * 4 + 3] = 255;
	}
	return { width: ow, height: oh, rgba };
}

/** Midtones transfer function: maps 0 -> 0, m -> 0.5, 1 -> 1. */
export function mtf(m: number, x: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	return ((m - 1) * x) / ((2 * m - 1) * x - m);
}

/** Resample by the overlap area of each output pixel with the source pixels; non-finite samples are skipped. */
export function areaAverage(src: Float32Array, width: number, height: number, ow: number, oh: number): Float32Array {
	const out = new Float32Array(ow * oh);
	const fx = width / ow;
	const fy = height / oh;
	for (let oy = 0; oy < oh; oy++) {
		const y0 = oy * fy;
		const y1 = y0 + fy;
		for (let ox = 0; ox < ow; ox++) {
			const x0 = ox * fx;
			const x1 = x0 + fx;
			let sum = 0;
			let weight = 0;
			for (let y = Math.floor(y0); y < Math.min(height, Math.ceil(y1)); y++) {
				const wy = Math.min(y + 1, y1) - Math.max(y, y0);
				for (let x = Math.floor(x0); x < Math.min(width, Math.ceil(x1)); x++) {
					const v = src[y * width + x];
					if (!Number.isFinite(v)) continue;
					const w = wy * (Math.min(x + 1, x1) - Math.max(x, x0));
					sum += v * w;
					weight += w;
				}
			}
			out[oy * ow + ox] = weight > 0 ? sum / weight : NaN;
		}
	}
	return out;
}

function medianAndMad(values: Float32Array): { median: number; mad: number } {
	const finite = values.filter(Number.isFinite).sort();
	if (finite.length === 0) return { median: 0, mad: 0 };
	const median = middle(finite);
	return { median, mad: middle(finite.map((v) => Math.abs(v - median)).sort()) };
}

function middle(sorted: Float32Array): number {
	const n = sorted.length;
	return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

function minFinite(values: Float32Array): number {
	let min = Infinity;
	for (const v of values) if (v < min) min = v;
	return Number.isFinite(min) ? min : 0;
}

function maxFinite(values: Float32Array): number {
	let max = -Infinity;
	for (const v of values) if (v > max) max = v;
	return Number.isFinite(max) ? max : 1;
}

function clamp01(x: number): number {
	return x < 0 ? 0 : x > 1 ? 1 : x;
}
