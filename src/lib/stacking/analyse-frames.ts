import { medianFwhm, type AnalysedFrame } from './align';
import { mapLimited } from './map-limited';
import { errorMessage } from '../util/error-message';
import type { OpenFrame } from './open-frames';
import type { KernelPool } from './pool/types';

export interface AnalyseResult {
	analysed: AnalysedFrame[];
	failed: { index: number; reason: string }[];
	/** Kernel time per kernel stage, summed over frames, ms. */
	kernelMs: Record<string, number>;
}

/**
 * Reads each frame's pixels once and analyses it on the pool, `inFlight` frames at a time, keeping
 * only the small results (stars, background, noise), never the pixels.
 */
export async function analyseFrames(frames: OpenFrame[], pool: KernelPool, inFlight: number, onFrame: (done: number) => void): Promise<AnalyseResult> {
	const kernelMs: Record<string, number> = {};
	const failed: AnalyseResult['failed'] = [];
	let done = 0;
	const results = await mapLimited(frames, inFlight, async (f): Promise<AnalysedFrame | undefined> => {
		try {
			const { layout, source } = f;
			const { width, height, bitpix, bzero, bscale, bayer, dataOffset, rowBytes } = layout;
			const data = await source.read(dataOffset, dataOffset + rowBytes * height);
			const analysis = await pool.analyse({ data, y0: 0, rows: height, width, height, bitpix, bzero, bscale, bayer });
			for (const [stage, t] of Object.entries(analysis.timings)) kernelMs[stage] = (kernelMs[stage] ?? 0) + t;
			return { index: f.index, analysis, fwhm: medianFwhm(analysis.stars), exptime: f.meta.exptime };
		} catch (err) {
			failed.push({ index: f.index, reason: `analysis failed: ${errorMessage(err)}` });
			return undefined;
		} finally {
			onFrame(++done);
		}
	});
	return { analysed: results.filter((a): a is AnalysedFrame => a !== undefined), failed, kernelMs };
}
