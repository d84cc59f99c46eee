import { toScreen, type SkyViewport } from './viewport';

/**
 * A stack's footprint (corners as [ra, dec] degrees) in screen pixels, or null when it straddles
 * the map's RA 180° seam (its corners land on both edges of the ellipse): the map shows a marker
 * there instead. A footprint is at most a few degrees, so straight edges between corners suffice.
 */
export function footprintOnScreen(v: SkyViewport, corners: [number, number][]): { sx: number; sy: number }[] | null {
	const points = corners.map(([ra, dec]) => toScreen(v, ra, dec));
	const xs = points.map((p) => p.sx);
	// A real footprint spans a few degrees; a sixth of the map's width (one plane unit) can only be the seam.
	return Math.max(...xs) - Math.min(...xs) > v.scale ? null : points;
}

/** The larger side of the screen box around `points`, pixels. */
export function screenExtent(points: { sx: number; sy: number }[]): number {
	const xs = points.map((p) => p.sx);
	const ys = points.map((p) => p.sy);
	return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
}
