/** A frame the pipeline can read by byte range: a local file, a Blob, a download, bytes in memory. */
export interface FrameSource {
	name: string;
	size: number;
	/** Bytes [start, end) of the file; `end` is clamped to `size` by the caller. */
	read(start: number, end: number): Promise<Uint8Array>;
}

export type StackStage = 'open' | 'analyse' | 'align' | 'combine' | 'write';

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
	/** Bytes of warped frame pixels the bands in flight may hold together, split over the threads (default 384 MB). Output bytes do not depend on it. */
	bandMemoryBytes?: number;
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
}
