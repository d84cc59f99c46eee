/** Tunables of the plate solver's TypeScript side; the kernel's own are in wasm-stacker/assembly/solve/constants.ts. */

/** The nominal scale may be off by this fraction (Seestar focal length and pixel size are nominal). Same as the kernel's. */
export const SCALE_TOLERANCE = 0.03;

/** Brightest detected stars given to the kernel: fainter ones are mostly below the catalogue's limit. */
export const DETECTED_STARS = 500;

/** Brightest catalogue stars of the cone given to the kernel (the cone of a 2° search holds ~1000). */
export const MAX_CATALOG_STARS = 4000;

/**
 * How far from the hint the search for the field reaches, degrees: S50 headers point up to ~10′
 * off, S30 ones up to ~40′; a hint further off than this is wrong, and the image stays unsolved.
 */
export const WIDEN_RADIUS = 1.75;

/** Spacing of the candidate centres as a fraction of the image's short side. */
export const CENTRE_SPACING = 0.4;

/** Fewest matches a solution needs, and the log-odds it needs (ln 1e9): the kernel's figures, for messages. */
export const MIN_MATCHES = 8;
export const LOG_ODDS_ACCEPT = Math.log(1e9);
