// The solver's scratch, laid out from the one region the wrapper passes (solveScratchBytes), and
// the geometry of the current call. Module globals: set once per solve call, read by every stage.

import { CAT_CONTROL, DET_CONTROL } from './constants';
import { COEF_BYTES, LSQ_SCRATCH_BYTES, MAX_TERMS, PAIR_BYTES } from './lsq';
import { POINT_BYTES } from './points';
import { FRAME_BYTES } from './sphere';
import { BINS, maxTriangles, triangleScratchBytes, TRI_BYTES } from './triangles';

/** A catalogue star on the image: ξ, η (arcsec), predicted x, y (px, 0-based), catalogue index (i32), nearest detected rank (i32). */
export const FIELD_BYTES: usize = 40;

// regions
export let catXyz: usize = 0;
export let detSorted: usize = 0;
export let detList: usize = 0;
export let detTri: usize = 0;
export let catList: usize = 0;
export let catSorted: usize = 0;
export let catTri: usize = 0;
export let binStart: usize = 0;
export let binOrder: usize = 0;
export let triScratch: usize = 0;
export let field: usize = 0;
export let claims: usize = 0;
export let pairs: usize = 0;
export let residuals: usize = 0;
export let frame: usize = 0;
export let candidate: usize = 0;
export let hint: usize = 0;
export let coef: usize = 0;
export let trial: usize = 0;
export let lsq: usize = 0;
export let hypothesis: usize = 0;
/** The model's monomials at one point (MAX_TERMS f64). */
export let mono: usize = 0;
export let tmp: usize = 0;

// geometry of the call
export let width: f64 = 0;
export let height: f64 = 0;
/** Nominal arcseconds per pixel. */
export let scale: f64 = 0;
export let nDet: i32 = 0;
export let nCat: i32 = 0;

function align(n: usize): usize {
	return (n + 15) & ~15;
}

function maxCtl(): i32 {
	return max(CAT_CONTROL, DET_CONTROL);
}

export function solveScratchBytes(nd: i32, nc: i32): usize {
	const dc = min(nd, DET_CONTROL);
	return (
		align(<usize>nc * 24) +
		align(<usize>nd * POINT_BYTES) * 2 +
		align(<usize>maxTriangles(dc) * TRI_BYTES) +
		align(<usize>CAT_CONTROL * POINT_BYTES) * 2 +
		align(<usize>maxTriangles(CAT_CONTROL) * TRI_BYTES) +
		align(<usize>(BINS * BINS + 1) << 2) +
		align(<usize>maxTriangles(CAT_CONTROL) << 2) +
		align(triangleScratchBytes(maxCtl())) +
		align(<usize>nc * FIELD_BYTES) +
		align(<usize>nd * 16) +
		align(<usize>min(nd, nc) * PAIR_BYTES) +
		align(<usize>min(nd, nc) << 3) +
		align(FRAME_BYTES) * 3 +
		align(COEF_BYTES) * 2 +
		align(LSQ_SCRATCH_BYTES) +
		align(96) +
		align(<usize>MAX_TERMS << 3) +
		align(32)
	);
}

/** Lays the scratch out for a call with nd detected and nc catalogue stars, and keeps its geometry. */
export function layout(at: usize, nd: i32, nc: i32, w: f64, h: f64, s: f64): void {
	const dc = min(nd, DET_CONTROL);
	let p = at;
	catXyz = p; p += align(<usize>nc * 24);
	detSorted = p; p += align(<usize>nd * POINT_BYTES);
	detList = p; p += align(<usize>nd * POINT_BYTES);
	detTri = p; p += align(<usize>maxTriangles(dc) * TRI_BYTES);
	catList = p; p += align(<usize>CAT_CONTROL * POINT_BYTES);
	catSorted = p; p += align(<usize>CAT_CONTROL * POINT_BYTES);
	catTri = p; p += align(<usize>maxTriangles(CAT_CONTROL) * TRI_BYTES);
	binStart = p; p += align(<usize>(BINS * BINS + 1) << 2);
	binOrder = p; p += align(<usize>maxTriangles(CAT_CONTROL) << 2);
	triScratch = p; p += align(triangleScratchBytes(maxCtl()));
	field = p; p += align(<usize>nc * FIELD_BYTES);
	claims = p; p += align(<usize>nd * 16);
	pairs = p; p += align(<usize>min(nd, nc) * PAIR_BYTES);
	residuals = p; p += align(<usize>min(nd, nc) << 3);
	frame = p; p += align(FRAME_BYTES);
	candidate = p; p += align(FRAME_BYTES);
	hint = p; p += align(FRAME_BYTES);
	coef = p; p += align(COEF_BYTES);
	trial = p; p += align(COEF_BYTES);
	lsq = p; p += align(LSQ_SCRATCH_BYTES);
	hypothesis = p; p += align(96);
	mono = p; p += align(<usize>MAX_TERMS << 3);
	tmp = p;
	nDet = nd;
	nCat = nc;
	width = w;
	height = h;
	scale = s;
}
