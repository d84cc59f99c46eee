import { median } from './align';

/** A circular aperture and the sky annulus around it, radii in pixels. */
export interface Aperture {
	radius: number;
	skyInner: number;
	skyOuter: number;
}

export interface ApertureFlux {
	/** Sum over the aperture minus its pixel count times the sky, ADU. */
	flux: number;
	/** Brightest pixel in the aperture, ADU (sky included): what saturation is judged on. */
	peak: number;
	/** Share of the annulus's pixels that fewer than `nimages` frames cover. */
	shortSky: number;
}

/**
 * Aperture photometry of one plane at (x, y), 0-based pixel centres: the pixels whose centres lie
 * within `radius`, less the median of those in the annulus. Null when the annulus leaves the
 * image or holds a pixel no frame covers (NaN). FOOTPRINT counts the frames KEPT at each pixel,
 * so a star's core may show fewer than `nimages` where the combine rejected samples; a frame's
 * edge instead leaves a whole stretch of the annulus short, which `shortSky` measures.
 */
export function apertureFlux(
	plane: Float32Array,
	coverage: Uint16Array,
	width: number,
	height: number,
	nimages: number,
	x: number,
	y: number,
	ap: Aperture
): ApertureFlux | null {
	const r = ap.skyOuter;
	const x0 = Math.ceil(x - r);
	const x1 = Math.floor(x + r);
	const y0 = Math.ceil(y - r);
	const y1 = Math.floor(y + r);
	if (x0 < 0 || y0 < 0 || x1 >= width || y1 >= height) return null;
	const inner2 = ap.radius * ap.radius;
	const skyIn2 = ap.skyInner * ap.skyInner;
	const skyOut2 = r * r;
	let sum = 0;
	let count = 0;
	let peak = -Infinity;
	let short = 0;
	const sky: number[] = [];
	for (let j = y0; j <= y1; j++) {
		for (let i = x0; i <= x1; i++) {
			const d2 = (i - x) * (i - x) + (j - y) * (j - y);
			if (d2 > skyOut2) continue;
			const k = j * width + i;
			const v = plane[k];
			if (!Number.isFinite(v)) return null;
			if (d2 <= inner2) {
				sum += v;
				count++;
				if (v > peak) peak = v;
			} else if (d2 >= skyIn2) {
				sky.push(v);
				if (coverage[k] < nimages) short++;
			}
		}
	}
	if (count === 0 || sky.length === 0) return null;
	return { flux: sum - count * median(sky), peak, shortSky: short / sky.length };
}
