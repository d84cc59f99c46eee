import { clippedMedian, clipWork } from './clipped-median';

/** Side of the sky tiles, pixels: several star widths, small enough to follow a gradient. */
export const TILE = 64;

/**
 * Every fourth pixel of every fourth row: 256 samples of a 64 px tile fix its sky level to a tenth
 * of the pixel noise, at a sixteenth of the cost.
 */
const STEP = 4;

/** A grid of about TILE × TILE tiles covering width × height exactly. */
export interface TileGrid {
	width: number;
	height: number;
	nx: number;
	ny: number;
}

export function tileGrid(width: number, height: number): TileGrid {
	return { width, height, nx: Math.max(1, Math.floor(width / TILE)), ny: Math.max(1, Math.floor(height / TILE)) };
}

/** Tile t's pixel bounds, [x0, x1) × [y0, y1). */
export function tileBounds(grid: TileGrid, t: number): { x0: number; x1: number; y0: number; y1: number } {
	const i = t % grid.nx;
	const j = (t - i) / grid.nx;
	return {
		x0: Math.floor((i * grid.width) / grid.nx),
		x1: Math.floor(((i + 1) * grid.width) / grid.nx),
		y0: Math.floor((j * grid.height) / grid.ny),
		y1: Math.floor(((j + 1) * grid.height) / grid.ny)
	};
}

/** Each tile's sigma-clipped median and robust sigma of a plane's finite pixels, sampled (NaN for a tile under half measured). */
export function tileLevels(plane: Float32Array, grid: TileGrid): { level: Float64Array; sigma: Float64Array } {
	const count = grid.nx * grid.ny;
	const level = new Float64Array(count);
	const sigma = new Float64Array(count);
	const largest = Math.ceil(grid.width / grid.nx + 1) * Math.ceil(grid.height / grid.ny + 1);
	const values = new Float32Array(largest);
	const work = clipWork(values, largest);
	for (let t = 0; t < count; t++) {
		const { x0, x1, y0, y1 } = tileBounds(grid, t);
		let n = 0;
		for (let y = y0; y < y1; y += STEP) {
			for (let x = x0; x < x1; x += STEP) {
				const v = plane[y * grid.width + x];
				if (Number.isFinite(v)) values[n++] = v;
			}
		}
		if (2 * n < Math.ceil((x1 - x0) / STEP) * Math.ceil((y1 - y0) / STEP)) {
			level[t] = sigma[t] = NaN;
			continue;
		}
		const s = clippedMedian(values, n, work);
		level[t] = s.median;
		sigma[t] = s.sigma;
	}
	return { level, sigma };
}
