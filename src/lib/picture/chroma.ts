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
 * second full-size plane. Each sum adds and drops values in a fixed order: the same result in every
 * run. The edges are loops of their own, so the interior runs without a test per pixel (half the time).
 */
function boxBlur(plane: Float32Array, ring: Float32Array, width: number, height: number): void {
	const columns = new Float64Array(width);
	for (let k = 0; k < Math.min(RADIUS, height); k++) {
		const at = averageAlongRow(plane, ring, width, k);
		for (let x = 0; x < width; x++) columns[x] += ring[at + x];
	}
	// Row y + RADIUS is read before row y is written: the rows below y are still the input.
	for (let y = 0; y < height; y++) {
		const inverse = 1 / (Math.min(height - 1, y + RADIUS) - Math.max(0, y - RADIUS) + 1);
		const out = y * width;
		const entering = y + RADIUS < height ? averageAlongRow(plane, ring, width, y + RADIUS) : -1;
		const leaving = y - RADIUS - 1 >= 0 ? ((y - RADIUS - 1) % RING_ROWS) * width : -1;
		if (entering >= 0 && leaving >= 0) {
			for (let x = 0; x < width; x++) {
				let c = columns[x] + ring[entering + x];
				c -= ring[leaving + x];
				columns[x] = c;
				plane[out + x] = c * inverse;
			}
			continue;
		}
		if (entering >= 0) for (let x = 0; x < width; x++) columns[x] += ring[entering + x];
		if (leaving >= 0) for (let x = 0; x < width; x++) columns[x] -= ring[leaving + x];
		for (let x = 0; x < width; x++) plane[out + x] = columns[x] * inverse;
	}
}

/** Row y of `plane` box-averaged along itself into its slot of the ring; returns the slot's start. */
function averageAlongRow(plane: Float32Array, ring: Float32Array, width: number, y: number): number {
	const row = y * width;
	const slot = (y % RING_ROWS) * width;
	let sum = 0;
	for (let k = 0; k < Math.min(RADIUS, width); k++) sum += plane[row + k];
	// Left edge, interior, right edge: the window grows in, slides, shrinks out.
	const left = Math.min(RADIUS + 1, width);
	const right = Math.max(left, width - RADIUS);
	for (let x = 0; x < left; x++) {
		if (x + RADIUS < width) sum += plane[row + x + RADIUS];
		ring[slot + x] = sum * (1 / (Math.min(width - 1, x + RADIUS) + 1));
	}
	const inverse = 1 / (2 * RADIUS + 1);
	for (let x = left; x < right; x++) {
		sum += plane[row + x + RADIUS];
		sum -= plane[row + x - RADIUS - 1];
		ring[slot + x] = sum * inverse;
	}
	for (let x = right; x < width; x++) {
		sum -= plane[row + x - RADIUS - 1];
		ring[slot + x] = sum * (1 / (width - (x - RADIUS)));
	}
	return slot;
}
