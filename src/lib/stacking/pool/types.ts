import type { Wcs } from '../../wcs';
import type { AnalyseOptions, BandFrame, BandResult, CombineOptions, FrameAnalysis, FramePixels, KernelSolveInput, KernelSolveOutput } from '../types';

/** Output rows [y0, y0 + rows) of the reference geometry. */
export interface Band {
	y0: number;
	rows: number;
}

/** What one kernel host (an in-process kernel, a worker_thread, a Web Worker) offers: the kernel's calls, async. */
export interface KernelApi {
	analyse(frame: FramePixels, opts?: AnalyseOptions): Promise<FrameAnalysis>;
	/** The plane is moved to the host, not copied (the caller must not reuse it). */
	analysePlane(plane: Float32Array, width: number, height: number, opts?: AnalyseOptions): Promise<FrameAnalysis>;
	combineBand(band: Band, width: number, frames: BandFrame[], opts?: CombineOptions): Promise<BandResult>;
	/** Plate-solves a star list against catalogue stars (src/lib/solve's solveStars builds the input). */
	solve(input: KernelSolveInput): Promise<KernelSolveOutput>;
	/** (ra, dec) pairs in degrees, RA in [0, 360), of FITS pixels (x, y pairs, 1-based) through a TAN(+SIP order <= 3) WCS. */
	pixelsToSky(wcs: Wcs, xy: Float64Array): Promise<Float64Array>;
	/** log10 of every value (each finite and > 0), the same bits in every host. */
	log10(values: Float64Array): Promise<Float64Array>;
	memoryBytes(): Promise<number>;
}

/** A set of kernel hosts; each call runs on the next idle one. */
export interface KernelPool extends KernelApi {
	readonly size: number;
	/** Ends the workers; calls after close reject. */
	close(): Promise<void>;
}
