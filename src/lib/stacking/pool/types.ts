import type { AnalyseOptions, BandFrame, BandResult, CombineOptions, FrameAnalysis, FramePixels } from '../kernel';
import type { Affine } from '../match';

/** Output rows [y0, y0 + rows) of the reference geometry. */
export interface Band {
	y0: number;
	rows: number;
}

/**
 * What one kernel host (an in-process kernel, a worker_thread, a Web Worker) offers: the same
 * calls as the kernel, async, with `planRows` batching `sourceRows` into one round trip.
 */
export interface KernelApi {
	analyse(frame: FramePixels, opts?: AnalyseOptions): Promise<FrameAnalysis>;
	/** `sourceRows` for every (band, frame): result[band][frame] = [s0, s1). */
	planRows(refToFrame: Affine[], bands: Band[], width: number, height: number): Promise<[number, number][][]>;
	combineBand(band: Band, width: number, frames: BandFrame[], opts?: CombineOptions): Promise<BandResult>;
	memoryBytes(): Promise<number>;
}

/** A set of kernel hosts; each call runs on the next idle one. */
export interface KernelPool extends KernelApi {
	readonly size: number;
	/** Ends the workers; calls after close reject. */
	close(): Promise<void>;
}
