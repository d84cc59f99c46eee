// Robust statistics on float planes: background noise away from stars, aperture photometry,
// the excess along a line.
import type { Planes } from './planes';

export function median(values: ArrayLike<number>): number {
	const v = Float64Array.from(values).sort();
	if (v.length === 0) return NaN;
	const m = v.length >> 1;
	return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** 1.4826 × median absolute deviation: the Gaussian sigma, unmoved by a few stars. */
export function robustSigma(values: ArrayLike<number>): number {
	const m = median(values);
	return 1.4826 * median(Array.from(values, (v) => Math.abs(v - m)));
}

/** Tiles whose noise is measured; small enough that the sky's gradient inside one does not count. */
const TILE = 64;

/**
 * Background noise of each channel: the median over TILE² tiles (inside `margin` of the edges) of
 * the robust sigma of the pixels outside `masked` (star discs). The median over tiles ignores the
 * few tiles a galaxy or a bright star's halo fills.
 */
export function backgroundSigma(p: Planes, masked: Uint8Array, margin: number): [number, number, number] {
	return p.rgb.map((plane) => {
		const sigmas: number[] = [];
		for (let ty = margin; ty + TILE <= p.height - margin; ty += TILE) {
			for (let tx = margin; tx + TILE <= p.width - margin; tx += TILE) {
				const values: number[] = [];
				for (let y = ty; y < ty + TILE; y++) {
					for (let x = tx; x < tx + TILE; x++) {
						const i = y * p.width + x;
						if (!masked[i] && Number.isFinite(plane[i])) values.push(plane[i]);
					}
				}
				if (values.length > (TILE * TILE) / 2) sigmas.push(robustSigma(values));
			}
		}
		return median(sigmas);
	}) as [number, number, number];
}

/** 1 inside a disc of `radius` around each star. */
export function starMask(width: number, height: number, stars: { x: number; y: number }[], radius: number): Uint8Array {
	const mask = new Uint8Array(width * height);
	const r = Math.ceil(radius);
	for (const s of stars) {
		const cx = Math.round(s.x);
		const cy = Math.round(s.y);
		for (let y = Math.max(0, cy - r); y <= Math.min(height - 1, cy + r); y++) {
			for (let x = Math.max(0, cx - r); x <= Math.min(width - 1, cx + r); x++) {
				if ((x - s.x) ** 2 + (y - s.y) ** 2 <= radius * radius) mask[y * width + x] = 1;
			}
		}
	}
	return mask;
}

const APERTURE = 6;
const ANNULUS: [number, number] = [10, 15];

/** Flux in a disc of APERTURE px around (x, y) above the median of the ANNULUS; NaN near edges. */
export function apertureFlux(plane: Float32Array, width: number, height: number, x: number, y: number): number {
	const r = ANNULUS[1];
	if (x < r || y < r || x >= width - r || y >= height - r) return NaN;
	let sum = 0;
	let n = 0;
	const sky: number[] = [];
	for (let j = Math.floor(y - r); j <= Math.ceil(y + r); j++) {
		for (let i = Math.floor(x - r); i <= Math.ceil(x + r); i++) {
			const d2 = (i - x) ** 2 + (j - y) ** 2;
			const v = plane[j * width + i];
			if (!Number.isFinite(v)) return NaN;
			if (d2 <= APERTURE * APERTURE) {
				sum += v;
				n++;
			} else if (d2 >= ANNULUS[0] ** 2 && d2 <= r * r) sky.push(v);
		}
	}
	return sum - n * median(sky);
}

function bilinear(plane: Float32Array, width: number, height: number, x: number, y: number): number {
	const x0 = Math.floor(x);
	const y0 = Math.floor(y);
	if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) return NaN;
	const fx = x - x0;
	const fy = y - y0;
	const at = (i: number, j: number) => plane[j * width + i];
	return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
}

/** Offsets across the line where the sky beside it is read, px (a trail of sigma 1 px is gone by 6). */
const BESIDE = [7, 9, 11];

/**
 * Per channel, the median over points along the segment (a, b) of (value on the line) - (mean of
 * the sky on both sides): what is left of a trail along it. Points too close to an edge are skipped.
 */
export function lineExcess(p: Planes, a: [number, number], b: [number, number], margin: number): [number, number, number] {
	const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
	const [ux, uy] = [(b[0] - a[0]) / length, (b[1] - a[1]) / length];
	const [nx, ny] = [-uy, ux];
	return p.rgb.map((plane) => {
		const excess: number[] = [];
		for (let t = 0; t <= length; t++) {
			const x = a[0] + ux * t;
			const y = a[1] + uy * t;
			if (x < margin || y < margin || x > p.width - margin || y > p.height - margin) continue;
			const beside = BESIDE.flatMap((d) => [bilinear(plane, p.width, p.height, x + nx * d, y + ny * d), bilinear(plane, p.width, p.height, x - nx * d, y - ny * d)]);
			const on = bilinear(plane, p.width, p.height, x, y);
			if (Number.isFinite(on) && beside.every(Number.isFinite)) excess.push(on - beside.reduce((s, v) => s + v, 0) / beside.length);
		}
		return median(excess);
	}) as [number, number, number];
}

/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: ArrayLike<number>, q: number): number {
	const v = Float64Array.from(values).sort();
	return v.length === 0 ? NaN : v[Math.min(v.length - 1, Math.floor(q * v.length))];
}

/**
 * Per site and channel, (value - median of the ring 3-5 px around it) / that channel's sigma: what
 * a hot pixel left at a point, in background sigmas (noise alone gives a standard normal). Sites
 * within `margin` of an edge, or where the ring is not all covered, are skipped.
 */
export function siteExcess(p: Planes, sites: [number, number][], sigma: [number, number, number], margin: number): number[] {
	const out: number[] = [];
	for (const [sx, sy] of sites) {
		const x = Math.round(sx);
		const y = Math.round(sy);
		if (x < margin || y < margin || x >= p.width - margin || y >= p.height - margin) continue;
		p.rgb.forEach((plane, c) => {
			const ring: number[] = [];
			for (let dy = -5; dy <= 5; dy++) for (let dx = -5; dx <= 5; dx++) if (Math.max(Math.abs(dx), Math.abs(dy)) >= 3) ring.push(plane[(y + dy) * p.width + x + dx]);
			const v = plane[y * p.width + x];
			if (Number.isFinite(v) && ring.every(Number.isFinite)) out.push((v - median(ring)) / sigma[c]);
		});
	}
	return out;
}
