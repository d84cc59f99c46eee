import type { Planes } from './types';

/** Half-side of the box the chroma is averaged over: 5 × 5 px, about a star's width. */
const RADIUS = 2;

/**
 * Mild chroma noise reduction, in place on stretched planes: the colour differences R − L and
 * B − L (L the mean of R, G, B) are box-averaged, L kept, so speckle loses its colour and detail
 * keeps its sharpness. Saturated pixels (white) are left white. Values stay in [0, 1].
 */
export function smoothChroma(p: Planes, saturated: Uint8Array): void {
	const { width, height, r, g, b } = p;
	const n = width * height;
	const cr = new Float32Array(n);
	const cb = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		const l = (r[i] + g[i] + b[i]) / 3;
		cr[i] = r[i] - l;
		cb[i] = b[i] - l;
	}
	const ring = new Float32Array(RING_ROWS * width);
	boxBlur(cr, ring, width, height);
	boxBlur(cb, ring, width, height);
	// The planes as locals, the clamp inline: no property load or call per pixel.
	for (let i = 0; i < n; i++) {
		if (saturated[i]) continue;
		const l = (r[i] + g[i] + b[i]) / 3;
		const vr = l + cr[i];
		const vb = l + cb[i];
		const vg = 3 * l - vr - vb;
		r[i] = vr < 0 ? 0 : vr > 1 ? 1 : vr;
		g[i] = vg < 0 ? 0 : vg > 1 ? 1 : vg;
		b[i] = vb < 0 ? 0 : vb > 1 ? 1 : vb;
	}
}

/** Rows of row-averaged values the vertical pass needs at once: the window and the row leaving it. */
const RING_ROWS = 2 * RADIUS + 2;

/**
 * A separable box average of side 2·RADIUS + 1, in place; near an edge over the pixels that exist.
 * Running sums, so the cost does not grow with the radius, taken along rows both times (the
 * vertical pass keeps one running sum per column) so memory is read in order. A row is averaged
 * along itself just before the vertical pass first needs it, into a ring of RING_ROWS rows: not a
 * second full-size plane. Each sum adds and drops values in a fixed order: the same result in every run.
 */
function boxBlur(plane: Float32Array, ring: Float32Array, width: number, height: number): void {
	const perColumn = Float64Array.from({ length: width }, (_, x) => 1 / (Math.min(width - 1, x + RADIUS) - Math.max(0, x - RADIUS) + 1));
	const alongRow = (y: number): number => {
		const row = y * width;
		const slot = (y % RING_ROWS) * width;
		let sum = 0;
		for (let k = 0; k < Math.min(RADIUS, width); k++) sum += plane[row + k];
		for (let x = 0; x < width; x++) {
			if (x + RADIUS < width) sum += plane[row + x + RADIUS];
			if (x - RADIUS - 1 >= 0) sum -= plane[row + x - RADIUS - 1];
			ring[slot + x] = sum * perColumn[x];
		}
		return slot;
	};
	const columns = new Float64Array(width);
	for (let k = 0; k < Math.min(RADIUS, height); k++) {
		const at = alongRow(k);
		for (let x = 0; x < width; x++) columns[x] += ring[at + x];
	}
	// Row y + RADIUS is read before row y is written: the rows below y are still the input.
	for (let y = 0; y < height; y++) {
		if (y + RADIUS < height) for (let x = 0, at = alongRow(y + RADIUS); x < width; x++) columns[x] += ring[at + x];
		if (y - RADIUS - 1 >= 0) for (let x = 0, at = ((y - RADIUS - 1) % RING_ROWS) * width; x < width; x++) columns[x] -= ring[at + x];
		const inverse = 1 / (Math.min(height - 1, y + RADIUS) - Math.max(0, y - RADIUS) + 1);
		for (let x = 0, at = y * width; x < width; x++) plane[at + x] = columns[x] * inverse;
	}
}
