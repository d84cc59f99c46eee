// Tunables of the plate solver (the stages in this folder). Pixel distances are in pixels of the
// image (or of the nominal grid, which is the same size to ±3 %).

/** Brightest detected stars whose triangles are matched. */
export const DET_CONTROL: i32 = 50;
/** Brightest catalogue stars within a candidate's field circle that are projected and matched. */
export const CAT_CONTROL: i32 = 60;
/** Each star's neighbourhood, itself included: every triangle among it is an invariant. */
export const NEIGHBOURS: i32 = 8;
/** Triangles with a side shorter than this are skipped: centroid noise dominates their shape. */
export const MIN_SIDE: f64 = 8.0;
/** Two triangles may correspond when both side ratios agree within this. */
export const INV_TOL: f64 = 0.02;
/** The image's scale may differ from the nominal one by this fraction (FOCALLEN, XPIXSZ are nominal). */
export const SCALE_TOL: f64 = 0.03;
/** Extra room on a triangle's scale for centroid noise on its sides. */
export const SCALE_SLACK: f64 = 0.01;
/** A star within this many pixels of where the solution puts a catalogue star is its match. */
export const MATCH_TOL: f64 = 2.0;
/** Matched control stars (the sample's 3 included) a hypothesis needs before it is fitted and verified. */
export const MIN_HYPOTHESIS: i32 = 6;
/** A candidate centre stops trying hypotheses once one matches this many control stars. */
export const GOOD_ENOUGH: i32 = 20;
/** Least-squares rounds (re-centre, re-project, re-match, re-fit) of the TAN fit. */
export const FIT_ROUNDS: i32 = 5;
/** Rounds with the SIP order chosen, when one is. */
export const SIP_ROUNDS: i32 = 2;
/** Rounds with the match distance clipped to the residuals (CLIP_SIGMAS σ, σ from their median as
 * for a 2-D Gaussian, never below CLIP_FLOOR px nor above MATCH_TOL): 99.9 % of true matches stay,
 * blends, doubles and fast-moving stars go. */
export const CLIP_ROUNDS: i32 = 2;
export const CLIP_SIGMAS: f64 = 3.7;
export const CLIP_FLOOR: f64 = 0.4;
/** Highest SIP order fitted. */
export const MAX_ORDER: i32 = 3;
/** A polynomial order is fitted only with this many matches per coefficient of one axis. */
export const PAIRS_PER_TERM: i32 = 3;
/** Fewest matches a solution needs, whatever the odds. */
export const MIN_MATCHES: i32 = 8;
/** Verification (astrometry.net's model): positional error of a true match (px), the share of
 * catalogue stars without a detected counterpart, and the log-odds to accept (ln 1e9). */
export const SIGMA_PX: f64 = 1.0;
export const DISTRACTOR: f64 = 0.25;
export const LOG_ODDS_ACCEPT: f64 = 20.72326583694641;
/** Candidate centres tried at most, whatever the widening radius and spacing. */
export const MAX_CENTRES: i32 = 400;
/** (u, v) are divided by this in the least squares so that the normal equations stay well conditioned. */
export const NORM: f64 = 1000.0;
