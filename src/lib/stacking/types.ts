import type { CatalogSource } from '../catalog';
import type { ImageLayout } from '../fits/image';
import type { Affine } from './match';

export type { BayerPattern, Bitpix } from '../fits/image';
export type { Affine } from './match';

/** A frame the pipeline can read by byte range: a local file, a Blob, a download, bytes in memory. */
export interface FrameSource {
	name: string;
	size: number;
	/** Bytes [start, end) of the file; `end` is clamped to `size` by the caller. */
	read(start: number, end: number): Promise<Uint8Array>;
}

export type StackStage = 'open' | 'analyse' | 'align' | 'combine' | 'solve' | 'write';

export interface StackProgress {
	stage: StackStage;
	done: number;
	total: number;
}

export interface StackOptions {
	/** Bands combined at once; defaults to the pool size. Output bytes do not depend on it. */
	threads?: number;
	onProgress?: (p: StackProgress) => void;
	/** Each combined band as it lands (rows [y0, y0 + rows) of the width x height stack): a live preview. Output bytes do not depend on it. */
	onBand?: (band: StackBand) => void;
	/** Bytes of warped frame pixels the bands in flight may hold together, split over the threads (default DEFAULT_BAND_MEMORY_BYTES, 60 MB). Output bytes do not depend on it. */
	bandMemoryBytes?: number;
	/** The star catalogue the Solve stage matches the stack's stars to; without it the stack is written unsolved. */
	catalog?: CatalogSource;
	/** PROCDATE to write; default: the end of the last aligned exposure, so the output stays deterministic. */
	procDate?: string;
	/** Peak memory of the host (bytes), read at the end for the report; default: process peak RSS in Node, else the pool's WASM memory. */
	peakMemory?: () => number | Promise<number>;
}

/** One combined band: `rows * width` values per plane, NaN where no frame covers a pixel. */
export interface StackBand {
	y0: number;
	rows: number;
	width: number;
	height: number;
	r: Float32Array;
	g: Float32Array;
	b: Float32Array;
}

export type ReportTransform = [[number, number, number], [number, number, number]];

export interface FrameReport {
	file: string;
	status: 'aligned' | 'rejected';
	/** Why the frame was rejected; null when aligned. */
	reason: string | null;
	/** Stars detected in the frame; null when it could not be analysed. */
	stars: number | null;
	/** Median star FWHM in pixels; null when unknown. */
	fwhm: number | null;
	/** Frame pixel (x, y) -> reference pixel; null when the frame was not aligned. */
	transform: ReportTransform | null;
	exptime: number | null;
	dateObs: string | null;
	/** RMS of the matched star positions after the fit, pixels. */
	rms: number | null;
	/** Stars matched to the reference. */
	matches: number | null;
	/** Transparency relative to the reference: matched-star flux per second, frame / reference. */
	transparency: number | null;
	/** Normalisation applied in the combine: v' = (v - offset) * scale + target. */
	scale: number | null;
	weight: number | null;
	background: [number, number, number] | null;
	noise: [number, number, number] | null;
	hotPixels: number | null;
}

export interface StageTiming {
	/** Wall time of the stage, ms. */
	ms: number;
	/** Wall time divided by the frames the stage handled. */
	perFrameMs: number;
}

export interface StackReport {
	reference: string | null;
	frames: FrameReport[];
	counts: { input: number; aligned: number; rejected: number };
	timings: {
		open: StageTiming;
		analyse: StageTiming;
		align: StageTiming;
		combine: StageTiming;
		/** Stars of the stack, plate solution, zero points. */
		solve: StageTiming;
		write: StageTiming;
		total: StageTiming;
		/** Kernel time summed over frames, per kernel stage (decode, cosmetic, demosaic, background, stars), ms. */
		kernel: Record<string, number>;
	};
	/** Peak memory in bytes: process RSS in Node, WASM memory in the browser. */
	peakMemory: number;
	threads: number;
	/** Rejection/combination method the kernel used. */
	method: string;
	/** Total exposure of the aligned frames, seconds. */
	exposure: number;
	width: number;
	height: number;
	/** Samples the combine rejected as outliers. */
	rejectedSamples: number;
	/** Stars detected on the stack (rows of STAR-TAB). */
	stackStars: number;
	/** The plate solution the file carries (null only when the run ended before the Solve stage). */
	solve: SolveReport | null;
}

/** The plate solution in brief: the file's primary header holds the WCS itself. */
export type SolveReport =
	| {
			solved: true;
			/** Sky position of the image centre, degrees. */
			ra: number;
			dec: number;
			/** Arcseconds per pixel. */
			scale: number;
			parity: 'normal' | 'flipped';
			matches: number;
			rmsArcsec: number;
	  }
	| { solved: false; reason: string };

// What the kernel takes and gives, in the pipeline's terms.

export interface Star {
	x: number;
	y: number;
	/** Flux of the fitted Gaussian above the local background. */
	flux: number;
	/** Brightest pixel of the 3x3 around the centre above the local background. */
	peak: number;
	/** 2.3548 * sqrt(a * b), pixels. */
	fwhm: number;
	/** RMS widths along the major and minor axes (Gaussian sigmas), pixels. */
	a: number;
	b: number;
	/** Major axis angle from +x towards +y, degrees in (-90, 90]. */
	theta: number;
}

/** Rows of a frame as the file stores them; the frame's size, BITPIX, scaling and Bayer pattern are its layout's. */
export interface FramePixels extends Pick<ImageLayout, 'width' | 'height' | 'bitpix' | 'bzero' | 'bscale' | 'bayer'> {
	/** Big-endian pixel bytes for rows [y0, y0 + rows). */
	data: Uint8Array;
	y0: number;
	rows: number;
}

export interface FrameAnalysis {
	width: number;
	height: number;
	/** Per channel R, G, B (mono: three equal). */
	background: [number, number, number];
	/** Robust sigma per channel of the demosaicked planes. */
	noise: [number, number, number];
	/** Pixels replaced by the cosmetic correction. */
	hotPixels: number;
	/** Brightest (by flux) first, at most maxStars. */
	stars: Star[];
	/** ms per stage: decode, cosmetic, demosaic, background, stars. */
	timings: Record<string, number>;
}

export interface BandFrame {
	/** Must cover sourceRows(refToFrame, ...) of the band. */
	pixels: FramePixels;
	/** Output (reference) pixel -> this frame's pixel. */
	refToFrame: Affine;
	/** Normalisation: v' = (v - offset[c]) * scale[c] + target[c]. */
	scale: [number, number, number];
	offset: [number, number, number];
	target: [number, number, number];
	/** Combine weight (> 0). */
	weight: number;
	/** This frame's noise per channel before normalisation (FrameAnalysis.noise). Optional: it sets
	 * the floor of the rejection sigma, which keeps few-frame stacks from rejecting good samples. */
	noise?: [number, number, number];
}

export interface BandResult {
	/** rows * width each, the combined band; NaN where no frame covers a pixel. */
	r: Float32Array;
	g: Float32Array;
	b: Float32Array;
	/** Frames that covered (and were kept at) each pixel. */
	coverage: Uint16Array;
	/** Samples rejected in this band. */
	rejected: number;
}

/** 'auto': clip from 3 frames on, mean below. 'clip': median-centred kappa-sigma clipping with a noise
 * floor, then weighted mean. 'mean': weighted mean. 'median': per-channel median. */
export type CombineMethod = 'auto' | 'mean' | 'median' | 'clip';
export interface CombineOptions {
	method?: CombineMethod;
	/** Rejection threshold in sigmas (default 3). */
	kappa?: number;
}
export interface AnalyseOptions {
	/** Default 200. */
	maxStars?: number;
	/** Detection threshold in sigmas of the smoothed luminance (default 5). */
	detectSigma?: number;
}

/** The kernel's plate-solving call (src/lib/solve builds it and reads the result). */
export interface KernelSolveInput {
	/** x, y of each detected star, 0-based pixels, brightest first. */
	stars: Float64Array;
	/** ra, dec of each catalogue star, degrees, brightest first. */
	catalog: Float64Array;
	width: number;
	height: number;
	/** Nominal arcseconds per pixel. */
	scale: number;
	hint: { ra: number; dec: number };
	/** Radius of the catalogue circle matched around a candidate centre, degrees. */
	fieldRadius: number;
	/** Spacing of the candidate centres around the hint, degrees. */
	spacing: number;
	/** Candidate centres reach this far from the hint, degrees (0: the hint only). */
	widenRadius: number;
}

export type KernelSolveStatus = 'solved' | 'too-few-stars' | 'too-few-catalog' | 'no-match' | 'rejected';

/** One match: indices into the input's stars and catalogue, residual in arcseconds. */
export interface KernelMatch {
	star: number;
	catalog: number;
	distArcsec: number;
}

export interface KernelSolveOutput {
	status: KernelSolveStatus;
	/** Candidate centres tried, hypotheses fitted and verified, and the most control stars any hypothesis matched. */
	centresTried: number;
	verified: number;
	bestInliers: number;
	/** The solution's figures, or the best rejected attempt's (logOdds -Infinity when none was verified). */
	logOdds: number;
	matches: number;
	rmsArcsec: number;
	/** Arcseconds per pixel found. */
	scale: number;
	/** Catalogue stars the solution puts on the image. */
	fieldStars: number;
	/** SIP order fitted: 1 (TAN only), 2 or 3. */
	order: number;
	/** The WCS when solved: CRVAL (deg), CRPIX (1-based), CD (deg/px), SIP A and B as [p][q] (4 x 4). */
	crval: [number, number];
	crpix: [number, number];
	cd: [[number, number], [number, number]];
	sipA: number[][];
	sipB: number[][];
	matched: KernelMatch[];
}
