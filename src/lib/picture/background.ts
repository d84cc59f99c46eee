import { median as medianOf } from '../stacking/align';
import { alongRow, DEGREE, evaluate, fitSurface, TERMS } from './polynomial';
import { tileBounds, tileGrid, tileLevels, type TileGrid } from './tiles';
import type { Planes } from './types';

/** A tile more than this many residual sigmas above the surface holds the object, not sky. */
const REJECT_ABOVE = 2.5;
const REJECT_BELOW = 4;
const ROUNDS = 10;

export interface SkyModel {
	grid: TileGrid;
	/** 1 for the tiles the surface was fitted to: sky, free of the galaxy or nebula. */
	sky: Uint8Array;
	/** Each channel's sky noise: the median robust sigma of the sky tiles. */
	noise: [number, number, number];
}

/**
 * Fits a smooth surface (a low-order polynomial, polynomial.ts) to each channel's sky tiles and
 * subtracts it, in place, leaving the sky at 0 in R, G and B. The sky tiles are found iteratively: tiles far
 * above the current fit in any channel are the object and leave the fit, so a galaxy or nebula
 * does not pull the surface up.
 */
export function removeBackground(p: Planes): SkyModel {
	const grid = tileGrid(p.width, p.height);
	const planes = [p.r, p.g, p.b];
	const stats = planes.map((plane) => tileLevels(plane, grid));
	const count = grid.nx * grid.ny;
	const x = new Float64Array(count);
	const y = new Float64Array(count);
	const sky = new Uint8Array(count);
	for (let t = 0; t < count; t++) {
		const { x0, x1, y0, y1 } = tileBounds(grid, t);
		x[t] = (x0 + x1) / p.width - 1;
		y[t] = (y0 + y1) / p.height - 1;
		sky[t] = stats.every((s) => Number.isFinite(s.level[t])) ? 1 : 0;
	}
	// A constant surface first: the object's tiles stand out against the median sky.
	let coefs = stats.map((s) => constantFit(s.level, sky));
	for (let round = 0; round < ROUNDS; round++) {
		const next = rejectObject(stats, coefs, x, y, sky);
		const changed = next.some((v, t) => v !== sky[t]);
		if (countOf(next) < 3 * TERMS) break;
		sky.set(next);
		coefs = stats.map((s) => fitSurface(x, y, s.level, sky) ?? constantFit(s.level, sky));
		if (!changed && round > 0) break;
	}
	// The least-squares surface sits at the sky's mean; its median residual brings the sky to 0.
	const scratch = new Float64Array(TERMS);
	coefs.forEach((coef, c) => {
		const residuals: number[] = [];
		for (let t = 0; t < count; t++) if (sky[t]) residuals.push(stats[c].level[t] - evaluate(coef, x[t], y[t], scratch));
		coef[0] += medianOf(residuals);
	});
	subtractSurfaces(planes, p.width, p.height, coefs);
	const noise = stats.map((s) => medianOf(Array.from(s.sigma).filter((_, t) => sky[t]))) as [number, number, number];
	return { grid, sky, noise };
}

/** The tiles within the residual limits of every channel's surface. */
function rejectObject(
	stats: { level: Float64Array; sigma: Float64Array }[],
	coefs: Float64Array[],
	x: Float64Array,
	y: Float64Array,
	sky: Uint8Array
): Uint8Array {
	const count = sky.length;
	const next = new Uint8Array(count);
	const scratch = new Float64Array(TERMS);
	for (let t = 0; t < count; t++) next[t] = Number.isFinite(stats[0].level[t]) && Number.isFinite(stats[1].level[t]) && Number.isFinite(stats[2].level[t]) ? 1 : 0;
	stats.forEach((s, c) => {
		const residual = new Float64Array(count);
		const kept: number[] = [];
		for (let t = 0; t < count; t++) {
			if (!next[t]) continue;
			residual[t] = s.level[t] - evaluate(coefs[c], x[t], y[t], scratch);
			if (sky[t]) kept.push(residual[t]);
		}
		const centre = medianOf(kept);
		// Scatter of the sky tiles about the surface, floored at what pixel noise alone gives a tile.
		const tileNoise = medianOf(Array.from(s.sigma).filter((_, t) => sky[t])) / 32;
		const spread = Math.max(1.4826 * medianOf(kept.map((r) => Math.abs(r - centre))), tileNoise);
		for (let t = 0; t < count; t++) {
			if (!next[t]) continue;
			const r = residual[t] - centre;
			if (r > REJECT_ABOVE * spread || r < -REJECT_BELOW * spread) next[t] = 0;
		}
	});
	return next;
}

function constantFit(level: Float64Array, use: Uint8Array): Float64Array {
	const coef = new Float64Array(TERMS);
	coef[0] = medianOf(Array.from(level).filter((_, t) => use[t]));
	return coef;
}

/** subtractSurfaces writes out Horner's rule for a quadratic: a DEGREE other than 2 fails to compile here. */
const QUADRATIC: 2 = DEGREE;

/**
 * Each plane less its surface, in place, a row of the three planes at a time. Along a row the
 * surface is a quadratic in x (alongRow), evaluated by Horner's rule written out: a loop over its
 * terms took twice as long.
 */
function subtractSurfaces(planes: Float32Array[], width: number, height: number, coefs: Float64Array[]): void {
	const row = new Float64Array(QUADRATIC + 1);
	const xs = Float64Array.from({ length: width }, (_, px) => (2 * px + 1) / width - 1);
	for (let py = 0; py < height; py++) {
		const at = py * width;
		planes.forEach((plane, c) => {
			alongRow(coefs[c], (2 * py + 1) / height - 1, row);
			const [c0, c1, c2] = row;
			for (let px = 0; px < width; px++) {
				const x = xs[px];
				plane[at + px] -= (c2 * x + c1) * x + c0;
			}
		});
	}
}

function countOf(flags: Uint8Array): number {
	let n = 0;
	for (const f of flags) n += f;
	return n;
}


