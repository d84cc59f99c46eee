import type { BayerPattern, Bitpix } from '../../src/lib/fits';
import type { Affine } from '../../src/lib/stacking/match';
import type { Wcs } from '../../src/lib/wcs';
import type { CatalogStar } from '../../src/lib/catalog';

/** A satellite trail: the straight line through two sensor pixels, crossing the whole frame. */
export type TrailLine = [number, number, number, number];

/** Where the synthetic sky lies: field centre (degrees, J2000) and its turn on the reference frame. */
export interface SkyField {
	ra: number;
	dec: number;
	/** Counter-clockwise turn of the sky on the reference sensor, degrees; 0 puts north along +y. */
	angleDeg: number;
}


export interface SyntheticFrameTruth {
	file: string;
	/** Frame pixel -> reference pixel (frame 0's geometry). */
	transform: Affine;
	/** The frame's true WCS, as written into its header: derived from `transform` and the reference's. */
	wcs: Wcs;
	clouded: boolean;
	trail: boolean;
	/** Sensor positions [x, y]: the same in every frame, so they move relative to the sky. */
	hotPixels: [number, number][];
	exptime: number;
	/** Where the trail crosses the frame edges, sensor pixels; present only on the trail frame. */
	trailLine?: TrailLine;
	dateObs: string;
	/** FWHM of the stars in this frame, pixels (x; y is TRACKING_ELONGATION times it). */
	fwhm: number;
}

export interface SyntheticStar {
	/** Reference geometry; stars off the reference frame are kept (rotated frames see them). */
	x: number;
	y: number;
	/** True RA/Dec, degrees: the reference pixel (x, y) through the reference WCS. */
	ra: number;
	dec: number;
	/** Total counts (ADU) in a 10 s exposure for a colour-1 channel. */
	flux: number;
	/** Relative response per R, G, B channel (G = 1). */
	color: [number, number, number];
	/** The catalogue star's row (CatalogStar.row) when drawn from the catalogue; absent for random stars. */
	catalogRow?: number;
}

export interface SyntheticSet {
	dir: string;
	/** File name of frame 0, whose pixel grid is the reference geometry. */
	reference: string;
	frames: SyntheticFrameTruth[];
	stars: SyntheticStar[];
	/** The sky the set shows; the scale is PIXEL_SCALE_ARCSEC and the parity mirrored, like the Seestar. */
	field: SkyField;
	width: number;
	height: number;
	bayer: BayerPattern | null;
	bitpix: Bitpix;
	seed: number;
}

export interface GenerateOptions {
	dir: string;
	count: number;
	/** Default 1080 × 1920, the Seestar S50 sensor. */
	width?: number;
	height?: number;
	seed?: number;
	/** Field rotation reached by the last frame, degrees, growing linearly from 0 at frame 0. Default 1. */
	rotationDeg?: number;
	/** Each frame after the first is shifted by up to this many pixels in x and y. Default 15. */
	maxShift?: number;
	/** Frame with a satellite trail; -1 for none. Default 1 when count ≥ 3. */
	trailFrame?: number;
	/** Frame seen through cloud; -1 for none. Default the last frame when count ≥ 4. */
	cloudedFrame?: number;
	/** Hot pixels on the sensor. Default 40 per full-size frame area (at least 5). */
	hotPixels?: number;
	/** Exposure times in seconds, cycled over the frames. Default [10]. */
	exptimes?: number[];
	/** CFA pattern; null renders a mono frame without BAYERPAT. Default 'GRBG'. */
	bayer?: BayerPattern | null;
	/** Default 16 (unsigned via BZERO 32768, like the Seestar). */
	bitpix?: Bitpix;
	/** Stars in the field per full-size frame area. Default 500 (at least 80 in any frame). */
	stars?: number;
	/** Render a faint galaxy-like blob. Default true. */
	blob?: boolean;
	/** The true sky of the set. Default M 94 (RA 192.7214°, Dec +41.1203°), angle 0. */
	field?: SkyField;
	/**
	 * Real catalogue stars around the field (catalogFieldStars): drawn at their true positions with
	 * fluxes from VT, beside random stars fainter than all of them, so the set can be plate-solved.
	 * Default null: random stars only, an empty sky at a real position (nothing in it to solve).
	 */
	catalog?: readonly CatalogStar[] | null;
}
