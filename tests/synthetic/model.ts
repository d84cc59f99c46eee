/**
 * The camera and sky the generator imitates: levels measured on the real Seestar S50 frames in
 * ../shared/data/seestar (background ≈ 700 ADU in green with σ ≈ 60 ADU, R and B lower).
 * Counts are per 10 s exposure and scale with EXPTIME.
 */

/** Full-size Seestar S50 frame. */
export const FULL_WIDTH = 1080;
export const FULL_HEIGHT = 1920;

/** Sky per pixel, arcsec: the Seestar S50's (2.9 µm pixels at 250 mm), as measured on solved frames. */
export const PIXEL_SCALE_ARCSEC = 2.376;
/** The default true field: M 94's centre. */
export const DEFAULT_FIELD = { ra: 192.7214, dec: 41.1203, angleDeg: 0 };

/** Bias level present in every pixel, ADU. */
export const PEDESTAL = 400;
/** Sky above the pedestal per 10 s, ADU, for R, G, B sites. */
export const SKY_10S: [number, number, number] = [230, 300, 210];
/** Sky gradient: fractional change of the sky across the sensor's width (light pollution). */
export const SKY_GRADIENT = 0.25;
/** ADU per photo-electron: sets the shot noise, σ² = signal × ADU_PER_ELECTRON. */
export const ADU_PER_ELECTRON = 8;
/** Read noise, ADU RMS. */
export const READ_NOISE = 30;
/** Full scale of the 16-bit camera. */
export const SATURATION = 65535;

/** Star FWHM along x, pixels; varies by a few percent per frame. */
export const FWHM = 3;
/** Tracking makes the PSF a little longer along the sensor's y. */
export const TRACKING_ELONGATION = 1.08;
/** Per-frame relative scatter of the FWHM (seeing). */
export const SEEING_SCATTER = 0.04;
/** Star fluxes (ADU per 10 s) follow N(> F) ∝ F^-FLUX_SLOPE between FLUX_MIN and FLUX_MAX: few bright, many faint. */
export const FLUX_MIN = 300;
export const FLUX_MAX = 2e6;
export const FLUX_SLOPE = 0.75;
/**
 * A catalogue star's flux (ADU per 10 s, colour 1) at VT = 10; one magnitude is a factor 10^0.4.
 * Puts Tycho-2's faint end (VT ≈ 12.5) near 5000 ADU, well detected in one frame, as on the real
 * Seestar frames.
 */
export const FLUX_AT_VT10 = 50000;
/** Stars per full-size frame area by default, and the least in any frame so small tests can align. */
export const STARS_PER_FULL_FRAME = 500;
export const MIN_STARS = 80;
/** Hot pixels per full-size sensor by default, and their amplitude range per 10 s, ADU. */
export const HOT_PIXELS_PER_FULL_FRAME = 40;
export const HOT_PIXEL_ADU: [number, number] = [4000, 60000];

/** The clouded frame: star light transmitted, and sky raised by this factor (moonlit cloud). */
export const CLOUD_TRANSMISSION = 0.2;
export const CLOUD_SKY_FACTOR = 2.5;

/** Satellite trail: peak ADU above the sky on its centre line, and its Gaussian width σ, pixels. */
export const TRAIL_PEAK = 3000;
export const TRAIL_SIGMA = 1;

/** Faint blob: peak ADU per 10 s (green), σ along its axes as fractions of the frame's smaller side. */
export const BLOB_PEAK = 150;
export const BLOB_SIGMA: [number, number] = [0.08, 0.04];
export const BLOB_COLOR: [number, number, number] = [1.15, 1, 0.85];

/** First exposure start (UTC) and the site's offset from UTC used in file names (the camera's local time). */
export const START_UTC_MS = Date.UTC(2025, 2, 27, 5, 45, 0);
export const LOCAL_OFFSET_HOURS = -4;
