/** A stack's dot radius (CSS pixels) from its total exposure: area grows with exposure, capped. */
export function dotRadius(exposureSeconds: number | null): number {
	const minutes = Math.max(0, (exposureSeconds ?? 0) / 60);
	return Math.min(14, 2.5 + 1.8 * Math.sqrt(minutes));
}
