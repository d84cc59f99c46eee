/**
 * An 8-bit view of a linear stack: area-averaged down to fit `maxSize`, then auto-stretched.
 * Pure and deterministic, for browser and Node.
 */

import { autoStretch, channelStats, renderStretch } from './stretch';

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

	const { width: ow, height: oh } = fitWithin(width, height, maxSize);
	const [pr, pg, pb] = [r, g, b].map((p) => areaAverage(p, width, height, ow, oh));
	const stats = [pr, pg, pb].map(channelStats);
	const rgba = new Uint8ClampedArray(ow * oh * 4);
	renderStretch({ width: ow, height: oh, r: pr, g: pg, b: pb }, stats, autoStretch(stats), rgba);
	return { width: ow, height: oh, rgba };
}

/** The size `width` × `height` takes scaled down (never up) so its longer side is at most `maxSide`. */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
	const s = Math.min(1, maxSide / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
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
