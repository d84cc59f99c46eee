import type { CatalogStar } from '../catalog';
import type { Point } from '../stacking/match';
import type { SkyPosition, Wcs } from '../wcs';

export interface SolveInput {
	/** Detected stars, 0-based pixel centres (x along NAXIS1, y in storage order), with flux. */
	stars: Point[];
	width: number;
	height: number;
	/** Roughly where the image points (the mount's RA/DEC), degrees. */
	hint: SkyPosition;
	/** Nominal pixel scale, arcseconds per pixel (from FOCALLEN and XPIXSZ). */
	scale: number;
}

/** A detected star matched to a catalogue star. */
export interface MatchedStar {
	/** Index into SolveInput.stars. */
	star: number;
	/** The catalogue star (its `row` is the catalogue id). */
	catalog: CatalogStar;
	/** Distance between the catalogue position and the detected star through the solution, arcseconds. */
	distArcsec: number;
}

export interface Solved {
	solved: true;
	/** TAN WCS (with SIP distortion of order 2 or 3 where it pays), FITS 1-based pixels, CRPIX at the image centre. */
	wcs: Wcs;
	/** Sky position of the image centre. */
	centre: SkyPosition;
	/** Arcseconds per pixel. */
	scale: number;
	parity: 'normal' | 'flipped';
	/** Catalogue stars matched to a detected star within MATCH_TOL px, and how many were needed. */
	matches: number;
	needed: number;
	/** RMS of the matched pairs' residuals, arcseconds. */
	rmsArcsec: number;
	/** Every match, in SolveInput.stars order. */
	matched: MatchedStar[];
	/** Log-odds of the solution against chance (astrometry.net's verification; accepted from ln 1e9). */
	logOdds?: number;
	/** Candidate centres tried around the hint before this one solved (1: the hint itself). */
	triedCentres?: number;
}

export interface Unsolved {
	solved: false;
	reason: string;
	/** Candidate centres tried around the hint. */
	triedCentres?: number;
}

export type SolveResult = Solved | Unsolved;
