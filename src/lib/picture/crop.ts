import { channelStats } from '../stacking/stretch';
import type { PictureInput, Planes, Rect } from './types';

/**
 * Pixels the picture may show: measured in all three colours and, when the stack has a FOOTPRINT,
 * covered by at least half its frames (an edge only one or two frames reached is noisier and
 * coloured by them alone).
 */
export function coverageMask(input: PictureInput): Uint8Array {
	const { r, g, b, footprint, nimages } = input;
	const mask = new Uint8Array(input.width * input.height);
	for (let i = 0; i < mask.length; i++) {
		const finite = Number.isFinite(r[i]) && Number.isFinite(g[i]) && Number.isFinite(b[i]);
		mask[i] = finite && (footprint === null || 2 * footprint[i] >= nimages) ? 1 : 0;
	}
	return mask;
}

/**
 * The largest axis-aligned rectangle of set pixels, by the histogram method: row by row, the run
 * of set pixels above each column is a histogram whose largest rectangle a stack finds in one pass,
 * O(width × height). Ties keep the first found, so the answer is deterministic.
 */
export function largestRectangle(mask: Uint8Array, width: number, height: number): Rect {
	const heights = new Int32Array(width + 1); // the extra column, always 0, empties the stack
	const stack = new Int32Array(width + 1);
	let best: Rect = { x: 0, y: 0, width: 0, height: 0 };
	let bestArea = 0;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) heights[x] = mask[y * width + x] ? heights[x] + 1 : 0;
		let top = 0;
		for (let x = 0; x <= width; x++) {
			while (top > 0 && heights[stack[top - 1]] >= heights[x]) {
				const h = heights[stack[--top]];
				const left = top > 0 ? stack[top - 1] + 1 : 0;
				const area = h * (x - left);
				if (area > bestArea) {
					bestArea = area;
					best = { x: left, y: y - h + 1, width: x - left, height: h };
				}
			}
			stack[top++] = x;
		}
	}
	return best;
}

/**
 * The planes inside `rect`, copied. A pixel left unmeasured inside (a hole fillHoles filled) takes
 * its channel's median, so no later step meets a NaN.
 */
export function cropPlanes(input: Planes, rect: Rect): Planes {
	const cut = (plane: Float32Array) => {
		const out = new Float32Array(rect.width * rect.height);
		// Each row checked as it is copied, while it is in cache: one pass over the plane, not two.
		let holes = false;
		for (let y = 0; y < rect.height; y++) {
			const from = (rect.y + y) * input.width + rect.x;
			const to = y * rect.width;
			out.set(plane.subarray(from, from + rect.width), to);
			for (let i = to; i < to + rect.width; i++) if (!Number.isFinite(out[i])) holes = true;
		}
		if (!holes) return out;
		const fill = channelStats(out).median;
		for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) out[i] = fill;
		return out;
	};
	return { width: rect.width, height: rect.height, r: cut(input.r), g: cut(input.g), b: cut(input.b) };
}
