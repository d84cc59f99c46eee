/** FWHM of a Gaussian in units of its σ: 2·√(2 ln 2). */
export const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.LN2);

/** erf, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7); exactly odd, so integrals stay symmetric. */
export function erf(x: number): number {
	const ax = Math.abs(x);
	const t = 1 / (1 + 0.3275911 * ax);
	const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const y = 1 - poly * Math.exp(-ax * ax);
	return x < 0 ? -y : y;
}

/**
 * The fraction of a unit 1-D Gaussian (centre `mu`, width `sigma`) falling in each pixel
 * [from + k - 0.5, from + k + 0.5), k < count. Integrating over the pixel, rather than sampling its
 * centre, keeps moment centroids of the rendered star unbiased.
 */
export function pixelIntegrals(mu: number, sigma: number, from: number, count: number): Float64Array {
	const out = new Float64Array(count);
	const s = 1 / (sigma * Math.SQRT2);
	let lo = erf((from - 0.5 - mu) * s);
	for (let k = 0; k < count; k++) {
		const hi = erf((from + k + 0.5 - mu) * s);
		out[k] = 0.5 * (hi - lo);
		lo = hi;
	}
	return out;
}

/** Half-size of the box outside which a Gaussian star of this peak adds less than 0.1 ADU. */
export function stampRadius(peak: number, sigma: number): number {
	const r = peak > 0.1 ? sigma * Math.sqrt(2 * Math.log(peak / 0.1)) : 0;
	return Math.min(40, Math.max(2, Math.ceil(r)));
}
