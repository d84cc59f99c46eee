/** A plot axis that fits its data: from a round number below the smallest value to one above the largest. */
export interface AxisRange {
	lo: number;
	hi: number;
	/** Decimals that show lo and hi exactly. */
	decimals: number;
}

/** 1, 2 or 5 × 10^k, the smallest not below `raw`. */
function niceStep(raw: number): number {
	const p = 10 ** Math.floor(Math.log10(raw));
	for (const m of [1, 2, 5]) if (m * p >= raw) return m * p;
	return 10 * p;
}

/**
 * About four round steps around the values with a tenth of their spread to spare, so that two lines
 * on one plot each use its height (starting at 0 squashed a line of 180–260 stars into the top
 * fifth); never below 0 for values that cannot be negative.
 */
export function axisRange(values: readonly number[]): AxisRange {
	const finite = values.filter(Number.isFinite);
	if (finite.length === 0) return { lo: 0, hi: 1, decimals: 0 };
	const min = Math.min(...finite);
	const max = Math.max(...finite);
	const spread = max > min ? max - min : Math.max(Math.abs(max) * 0.1, 1e-6);
	const step = niceStep((spread * 1.2) / 4);
	let lo = Math.floor((min - spread * 0.1) / step) * step;
	const hi = Math.ceil((max + spread * 0.1) / step) * step;
	if (min >= 0) lo = Math.max(0, lo);
	return { lo, hi, decimals: Math.max(0, -Math.floor(Math.log10(step))) };
}
