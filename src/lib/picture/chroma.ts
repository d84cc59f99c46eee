import type { Planes } from './types';

/** Half-side of the box the chroma is averaged over: 5 × 5 px, about a star's width. */
const RADIUS = 2;

/**
 * Mild chroma noise reduction, in place on stretched planes: the colour differences R − L and
 * B − L (L the mean of R, G, B) are box-averaged, L kept, so speckle loses its colour and detail
 * keeps its sharpness. Saturated pixels (white) are left white. Values stay in [0, 1].
 */
export function smoothChroma(p: Planes, saturated: Uint8Array): void {
	const { width, height } = p;
	const n = width * height;
	const cr = new Float32Array(n);
	const cb = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		const l = (p.r[i] + p.g[i] + p.b[i]) / 3;
		cr[i] = p.r[i] - l;
		cb[i] = p.b[i] - l;
	}
	const scratch = new Float32Array(n);
	boxBlur(cr, scratch, width, height);
	boxBlur(cb, scratch, width, height);
	for (let i = 0; i < n; i++) {
		if (saturated[i]) continue;
		const l = (p.r[i] + p.g[i] + p.b[i]) / 3;
		const r = l + cr[i];
		const b = l + cb[i];
		p.r[i] = clamp01(r);
		p.g[i] = clamp01(3 * l - r - b);
		p.b[i] = clamp01(b);
	}
}

/** A separable box average of side 2·RADIUS + 1, in place; near an edge over the pixels that exist. */
function boxBlur(plane: Float32Array, scratch: Float32Array, width: number, height: number): void {
	for (let y = 0; y < height; y++) {
		const row = y * width;
		for (let x = 0; x < width; x++) {
			let sum = 0;
			const x0 = Math.max(0, x - RADIUS);
			const x1 = Math.min(width - 1, x + RADIUS);
			for (let k = x0; k <= x1; k++) sum += plane[row + k];
			scratch[row + x] = sum / (x1 - x0 + 1);
		}
	}
	for (let x = 0; x < width; x++) {
		for (let y = 0; y < height; y++) {
			let sum = 0;
			const y0 = Math.max(0, y - RADIUS);
			const y1 = Math.min(height - 1, y + RADIUS);
			for (let k = y0; k <= y1; k++) sum += scratch[k * width + x];
			plane[y * width + x] = sum / (y1 - y0 + 1);
		}
	}
}

function clamp01(x: number): number {
	return x < 0 ? 0 : x > 1 ? 1 : x;
}
