/**
 * Tunables of the star-pattern matcher, after astroalign's. Distances are in pixels of the
 * destination list unless noted.
 */

/** Stars on either side below this many usable (finite) positions: `TooFewStars`. */
export const MIN_STARS = 5;

/** Brightest stars of each list that build triangles (astroalign: 50). More costs time, not accuracy. */
export const MAX_CONTROL_POINTS = 50;

/**
 * Size of each star's neighbourhood, the star included; every triangle among a neighbourhood is an
 * invariant. astroalign uses 5; 8 keeps enough shared triangles when ~40% of detections on each side
 * are spurious and crowd the true neighbours out.
 */
export const NUM_NEAREST_NEIGHBORS = 8;

/** Triangles with a side shorter than this are skipped: their side ratios are dominated by centroid noise. */
export const MIN_TRIANGLE_SIDE = 3;

/**
 * Two triangles are a candidate pair when both invariants (side ratios in [0, 1]) differ by at most
 * this. 0.3 px of centroid noise on a 30 px triangle moves a ratio by about 0.015.
 */
export const INVARIANT_TOL = 0.02;

/** A transformed src star within this distance of a dst star is a match (astroalign: PIXEL_TOL = 2). */
export const PIXEL_TOL = 2;

/** A hypothesis needs at least this many matched control stars to be accepted... */
export const MIN_INLIERS = 5;

/** ...and at least this fraction of the smaller control list... */
export const MIN_INLIER_FRACTION = 0.2;

/**
 * ...and enough that the chance of any wrong hypothesis matching as many stars by coincidence stays
 * below this (a union bound, see significance.ts): unrelated fields must give NoTransform.
 */
export const FALSE_MATCH_RISK = 1e-6;

/** Candidate triangle pairs tried at most, best invariant agreement first. */
export const MAX_HYPOTHESES = 5000;

/** Stop trying hypotheses once one matches this fraction of the smaller control list. */
export const GOOD_ENOUGH_FRACTION = 0.8;

/** Local re-fits of a promising hypothesis on its own inliers (LO-RANSAC), to reach distant stars. */
export const LOCAL_REFITS = 3;

/** Least-squares re-fit / re-match rounds on all stars after RANSAC; stops earlier when the pairs settle. */
export const MAX_REFINE_ITERATIONS = 10;

/**
 * Each re-fit round first fits only the core pairs, those within CORE_FACTOR × the median residual,
 * so a few chance pairs within PIXEL_TOL (a blob broken into many detections, close doubles) cannot
 * pull the fit; then it re-matches all stars within CLIP_FACTOR × the core's median residual (~3.5σ
 * for Gaussian centroid errors), never above PIXEL_TOL and never below CLIP_FLOOR px: faint stars'
 * centroids are off by up to ~1 px while bright ones are good to 0.05 px, so a distance set by the
 * median alone would drop the faint ones.
 */
export const CORE_FACTOR = 2;
export const CLIP_FACTOR = 3;
export const CLIP_FLOOR = 1;

/** A final fit whose residual RMS exceeds this is refused as `PoorFit`. */
export const MAX_RMS = 1;

/** |determinant| of the linear part outside [1/MAX_SCALE², MAX_SCALE²] is refused as `PoorFit`. */
export const MAX_SCALE = 10;
