/** The RA/Dec grid (30° in RA, 15° in Dec) as polylines and label anchors in screen pixels. */
import { toScreen, type SkyViewport } from './viewport';

export const RA_STEP = 30;
export const DEC_STEP = 15;
/** Degrees between the sampled points of a grid line: smooth at any size the page uses. */
const SAMPLE = 2;

export interface GridLine {
	kind: 'ra' | 'dec';
	/** The line's RA (meridian) or Dec (parallel), degrees. */
	value: number;
	points: [number, number][];
}

export interface GridLabel {
	text: string;
	x: number;
	y: number;
	anchor: 'start' | 'middle' | 'end';
}

function range(from: number, to: number, step: number): number[] {
	const out: number[] = [];
	for (let v = from; v <= to + 1e-9; v += step) out.push(v);
	return out;
}

/**
 * Meridians every 30° (RA 180 is the outline, drawn as its two halves) and parallels every 15°
 * (the poles are points, left out).
 */
export function gridLines(v: SkyViewport): GridLine[] {
	const lines: GridLine[] = [];
	for (const ra of range(0, 330, RA_STEP)) {
		const pts = range(-90, 90, SAMPLE).map((dec) => toScreen(v, ra, dec)).map(({ sx, sy }) => [sx, sy] as [number, number]);
		lines.push({ kind: 'ra', value: ra, points: pts });
	}
	// The outline: RA 180 seen from both sides (just left of the right edge and just right of the left).
	for (const ra of [180 - 1e-9, 180 + 1e-9]) {
		const pts = range(-90, 90, SAMPLE).map((dec) => toScreen(v, ra, dec)).map(({ sx, sy }) => [sx, sy] as [number, number]);
		lines.push({ kind: 'ra', value: 180, points: pts });
	}
	for (const dec of range(-75, 75, DEC_STEP)) {
		// From RA 180 (left edge) through 0 to 180 (right edge): RA decreases to the right. The last
		// sample is RA 180 seen from the right: 180 − ε − 360 would wrap to the left edge and draw a
		// chord back across the map.
		const pts = range(0, 360, SAMPLE)
			.map((t) => toScreen(v, t === 360 ? 180 + 1e-9 : normalize(180 - 1e-9 - t), dec))
			.map(({ sx, sy }) => [sx, sy] as [number, number]);
		lines.push({ kind: 'dec', value: dec, points: pts });
	}
	return lines;
}

function normalize(ra: number): number {
	return ((ra % 360) + 360) % 360;
}

/** Below this map width (CSS px) every second label is left out: at 10 px they would touch. */
export const COMPACT_LABELS_BELOW = 480;

/**
 * Hours of RA along the equator (every 30° = 2 h) and Dec along the central meridian; on a narrow
 * map (a phone) every 4 h and every 30°.
 */
export function gridLabels(v: SkyViewport, width: number): GridLabel[] {
	const every = width < COMPACT_LABELS_BELOW ? 2 : 1;
	const labels: GridLabel[] = [];
	// RA 180 (12h) is the outline, where a label would be cut: it is left out.
	for (const ra of range(0, 330, RA_STEP * every)) {
		if (ra === 180) continue;
		const { sx, sy } = toScreen(v, ra, 0);
		labels.push({ text: `${ra / 15}h`, x: ra === 0 ? sx + 4 : sx, y: sy + 13, anchor: ra === 0 ? 'start' : 'middle' });
	}
	for (const dec of every === 1 ? range(-75, 75, DEC_STEP) : range(-60, 60, DEC_STEP * every)) {
		if (dec === 0) continue;
		const { sx, sy } = toScreen(v, 0, dec);
		labels.push({ text: `${dec > 0 ? '+' : ''}${dec}°`, x: sx + 4, y: sy - 3, anchor: 'start' });
	}
	return labels;
}
