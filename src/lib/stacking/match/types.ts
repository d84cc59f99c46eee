/** A star position in pixels (x = column, y = row, 0-based, pixel centres at integers). */
export interface Point {
	x: number;
	y: number;
	/** Brightness; when every point has one, the brightest are used as control points. */
	flux?: number;
}

/** `[a, b, c, d, e, f]`: x' = a·x + b·y + c, y' = d·x + e·y + f. */
export type Affine = [number, number, number, number, number, number];

export type ModelName = 'similarity' | 'affine';

export interface MatchResult {
	/** Maps a src pixel to the dst pixel. */
	transform: Affine;
	/** [index in src, index in dst] of every matched star, ascending by src index. */
	pairs: [number, number][];
	/** Root mean square of the 2-D residual distance over `pairs`, in dst pixels. */
	rms: number;
	model: ModelName;
}
