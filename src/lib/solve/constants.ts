/** Tunables of the reference plate solver. */

/** The nominal scale may be off by this fraction (Seestar focal length and pixel size are nominal). */
export const SCALE_TOLERANCE = 0.03;

/** Cone radius beyond the image's half-diagonal, as a fraction of it: the hint is a mount position, not the centre. */
export const CONE_MARGIN = 0.25;

/** Brightest catalogue stars in the cone projected for matching. */
export const CATALOG_STARS = 60;

/** Brightest detected stars given to the matcher and used to verify: fainter ones are mostly below the catalogue's limit. */
export const DETECTED_STARS = 200;

/** A projected catalogue star within this many pixels of a detected star is a match. */
export const MATCH_TOL = 2;

/** Fewest matches a solution needs, whatever the significance says. */
export const MIN_MATCHES = 8;

/** Least-squares rounds (re-centre, re-match, re-fit) after the pattern match. */
export const REFINE_ROUNDS = 4;
