import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeToFloat32, readRawImage, type RawImage } from '../../../src/lib/fits';

export interface Frame {
	raw: RawImage;
	pixels: Float32Array;
}

export function loadFrame(dir: string, file: string): Frame {
	const raw = readRawImage(new Uint8Array(readFileSync(join(dir, file))), file);
	return { raw, pixels: decodeToFloat32(raw) };
}

export function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function isGreen(f: Frame, x: number, y: number): boolean {
	return f.raw.bayer === null || f.raw.bayer[((y & 1) << 1) | (x & 1)] === 'G';
}

/**
 * Moment centroid of a star near (cx, cy) from the green CFA sites only: background = median of the
 * green sites in the annulus r+3..r+8, then intensity-weighted mean position within the box of half
 * size r around the nearest pixel. An independent, textbook measurement.
 */
export function greenCentroid(f: Frame, cx: number, cy: number, r = 6): { x: number; y: number; flux: number } {
	const { width } = f.raw;
	const x0 = Math.round(cx);
	const y0 = Math.round(cy);
	const ring: number[] = [];
	for (let y = y0 - r - 8; y <= y0 + r + 8; y++) {
		for (let x = x0 - r - 8; x <= x0 + r + 8; x++) {
			const d = Math.max(Math.abs(x - x0), Math.abs(y - y0));
			if (d > r + 2 && isGreen(f, x, y)) ring.push(f.pixels[y * width + x]);
		}
	}
	const bg = median(ring);
	let sw = 0;
	let sx = 0;
	let sy = 0;
	for (let y = y0 - r; y <= y0 + r; y++) {
		for (let x = x0 - r; x <= x0 + r; x++) {
			if (!isGreen(f, x, y)) continue;
			const w = f.pixels[y * width + x] - bg;
			sw += w;
			sx += w * x;
			sy += w * y;
		}
	}
	return { x: sx / sw, y: sy / sw, flux: sw };
}

/** Background-subtracted sum over all CFA sites within radius r (annulus median as background). */
export function apertureFlux(f: Frame, cx: number, cy: number, r = 8): number {
	const { width } = f.raw;
	const x0 = Math.round(cx);
	const y0 = Math.round(cy);
	const ring: number[] = [];
	let sum = 0;
	let n = 0;
	for (let y = y0 - r - 6; y <= y0 + r + 6; y++) {
		for (let x = x0 - r - 6; x <= x0 + r + 6; x++) {
			const d2 = (x - x0) ** 2 + (y - y0) ** 2;
			const v = f.pixels[y * width + x];
			if (d2 <= r * r) {
				sum += v;
				n++;
			} else if (d2 > (r + 2) ** 2) ring.push(v);
		}
	}
	return sum - n * median(ring);
}

/** Median over the whole frame: the sky level. */
export function frameMedian(f: Frame): number {
	const sample: number[] = [];
	for (let i = 0; i < f.pixels.length; i += 7) sample.push(f.pixels[i]);
	return median(sample);
}
