import { pixelToSky, skyToPixel, type Wcs } from '../wcs';

/** One RA or Dec line over an image: FITS pixel points (1-based), broken where it leaves the projection. */
export interface GridLine {
	kind: 'ra' | 'dec';
	/** Degrees. */
	value: number;
	label: string;
	segments: [number, number][][];
}

/** Dec steps in degrees: 1′ to 10°. */
const DEC_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600].map((arcmin) => arcmin / 60);
/** RA steps in degrees: 10 s of time to 2 h. */
const RA_STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200].map((seconds) => seconds / 240);
/** Lines wanted across the image's span in each coordinate. */
const TARGET_LINES = 4;
/** Points per line: the lines curve only slightly over a few degrees. */
const SAMPLES = 48;

/**
 * RA/Dec grid lines over a width x height image through its WCS, spaced at round steps (~4
 * across each span). The span comes from points around the image's edge; with a celestial pole
 * in the picture every RA is crossed.
 */
export function wcsGrid(wcs: Wcs, width: number, height: number): GridLine[] {
	const edge: { ra: number; dec: number }[] = [];
	for (let i = 0; i <= 16; i++) {
		const t = i / 16;
		for (const [x, y] of [[0.5 + t * width, 0.5], [0.5 + t * width, height + 0.5], [0.5, 0.5 + t * height], [width + 0.5, 0.5 + t * height]]) {
			edge.push(pixelToSky(wcs, x, y));
		}
	}
	const ra0 = wcs.crval[0];
	const unwrapped = edge.map((p) => ra0 + ((((p.ra - ra0) % 360) + 540) % 360) - 180);
	const pole = [90, -90].some((dec) => onImage(skyToPixel(wcs, 0, dec), width, height));
	const decs = edge.map((p) => p.dec);
	let [decMin, decMax] = [Math.min(...decs), Math.max(...decs)];
	if (pole) [decMin, decMax] = decMin < 0 ? [-90, decMax] : [decMin, 90];
	const [raMin, raMax] = pole ? [0, 360] : [Math.min(...unwrapped), Math.max(...unwrapped)];
	const decStep = step(DEC_STEPS, decMax - decMin);
	const raStep = step(RA_STEPS, raMax - raMin);
	const lines: GridLine[] = [];
	for (let dec = Math.ceil(decMin / decStep) * decStep; dec <= decMax; dec += decStep) {
		lines.push({ kind: 'dec', value: dec, label: decLabel(dec, decStep), segments: trace(wcs, (t) => [raMin + t * (raMax - raMin), dec]) });
	}
	for (let ra = Math.ceil(raMin / raStep) * raStep; pole ? ra < 360 : ra <= raMax; ra += raStep) {
		const value = ((ra % 360) + 360) % 360;
		lines.push({ kind: 'ra', value, label: raLabel(value, raStep), segments: trace(wcs, (t) => [ra, decMin + t * (decMax - decMin)]) });
	}
	return lines;
}

function onImage(p: { x: number; y: number } | null, width: number, height: number): boolean {
	return p !== null && p.x >= 0.5 && p.y >= 0.5 && p.x <= width + 0.5 && p.y <= height + 0.5;
}

/** The smallest step giving at most TARGET_LINES + 1 lines over `span`. */
function step(steps: number[], span: number): number {
	return steps.find((s) => span / s <= TARGET_LINES + 1) ?? steps[steps.length - 1];
}

function trace(wcs: Wcs, at: (t: number) => [number, number]): [number, number][][] {
	const segments: [number, number][][] = [];
	let current: [number, number][] = [];
	for (let i = 0; i <= SAMPLES; i++) {
		const [ra, dec] = at(i / SAMPLES);
		const p = skyToPixel(wcs, ((ra % 360) + 360) % 360, Math.max(-90, Math.min(90, dec)));
		if (p) current.push([p.x, p.y]);
		else if (current.length > 0) {
			segments.push(current);
			current = [];
		}
	}
	segments.push(current);
	return segments.filter((s) => s.length > 1);
}

/** "+41°", "+41°20′": minutes only when the step needs them. */
function decLabel(dec: number, stepDeg: number): string {
	const arcmin = Math.round(Math.abs(dec) * 60);
	const sign = dec < 0 ? '−' : '+';
	const minutes = arcmin % 60;
	return stepDeg >= 1 || minutes === 0 ? `${sign}${Math.floor(arcmin / 60)}°` : `${sign}${Math.floor(arcmin / 60)}°${String(minutes).padStart(2, '0')}′`;
}

/** "12h51m", "12h51m30s": seconds only when the step needs them. */
function raLabel(ra: number, stepDeg: number): string {
	const seconds = Math.round((ra / 15) * 3600) % 86400;
	const h = Math.floor(seconds / 3600);
	const m = Math.floor((seconds % 3600) / 60);
	const s = seconds % 60;
	const hm = `${h}h${String(m).padStart(2, '0')}m`;
	return stepDeg < 0.25 && s !== 0 ? `${hm}${String(s).padStart(2, '0')}s` : hm;
}
