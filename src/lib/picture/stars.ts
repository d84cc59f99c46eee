import { apertureFlux, type Aperture } from '../stacking/aperture';
import type { Planes } from './types';

/** A star is a local maximum this many sky sigmas above the sky: bright enough for a colour ratio. */
const DETECT_SIGMA = 20;
/** Half-side of the window a star's peak must be the maximum of. */
const PEAK_WINDOW = 3;
/** Seestar stars are 2-4 px FWHM: the aperture holds nearly all the light, the annulus is sky. */
const APERTURE: Aperture = { radius: 6, skyInner: 10, skyOuter: 14 };
/** Colour ratios from at most this many stars, the brightest unsaturated ones. */
const MAX_STARS = 300;
/** A peak this close to its channel's brightest pixel may be saturated. */
const SATURATION_FRACTION = 0.9;

export interface StarColour {
	r: number;
	g: number;
	b: number;
	/** The peak's pixel in the planes measured (0-based), to match the star to the catalogue. */
	x: number;
	y: number;
}

/**
 * Aperture fluxes in R, G and B of the stars detected in G (local maxima over DETECT_SIGMA × the
 * sky noise), leaving out any whose peak may be saturated in a channel (a clipped core has lost
 * the colour) or whose flux is not positive in all three. Planes are sky-subtracted, fully measured.
 */
export function starColours(p: Planes, noiseG: number): StarColour[] {
	const { width, height } = p;
	const planes = [p.r, p.g, p.b];
	const saturation = planes.map((plane) => SATURATION_FRACTION * maxOf(plane));
	const peaks: number[] = [];
	const edge = APERTURE.skyOuter + 1;
	const threshold = DETECT_SIGMA * noiseG;
	const g = p.g; // a local: no property load per pixel
	for (let y = edge; y < height - edge; y++) {
		for (let x = edge; x < width - edge; x++) {
			const i = y * width + x;
			if (g[i] > threshold && isPeak(g, width, x, y)) peaks.push(i);
		}
	}
	peaks.sort((a, b) => p.g[b] - p.g[a] || a - b);
	const ones = new Uint16Array(width * height).fill(1); // the crop is covered everywhere
	const colours: StarColour[] = [];
	for (const i of peaks) {
		if (colours.length >= MAX_STARS) break;
		const x = i % width;
		const y = (i - x) / width;
		const f = planes.map((plane) => apertureFlux(plane, ones, width, height, 1, x, y, APERTURE));
		if (f.every((s, c) => s !== null && s.flux > 0 && s.peak < saturation[c])) colours.push({ r: f[0]!.flux, g: f[1]!.flux, b: f[2]!.flux, x, y });
	}
	return colours;
}

/** Whether (x, y) is the maximum of its window; a tie goes to the first pixel in storage order. */
function isPeak(plane: Float32Array, width: number, x: number, y: number): boolean {
	const v = plane[y * width + x];
	for (let dy = -PEAK_WINDOW; dy <= PEAK_WINDOW; dy++) {
		for (let dx = -PEAK_WINDOW; dx <= PEAK_WINDOW; dx++) {
			const o = plane[(y + dy) * width + x + dx];
			const before = dy < 0 || (dy === 0 && dx < 0);
			if (o > v || (before && o === v)) return false;
		}
	}
	return true;
}

function maxOf(plane: Float32Array): number {
	let max = -Infinity;
	for (let i = 0; i < plane.length; i++) if (plane[i] > max) max = plane[i];
	return max;
}
