import { sourceRows } from './kernel';
import { mapLimited } from './map-limited';
import type { OpenFrame } from './open-frames';
import type { Band, KernelPool } from './pool/types';
import type { BandFrame, BandResult, CombineOptions } from './types';

/** Range reads in flight per band: enough to hide latency, few enough to stay far from file-descriptor limits. */
const READS_IN_FLIGHT = 8;

/** An aligned frame with its warp and normalisation, as the combine needs it: a band frame whose
 * pixels are read by range when a band needs them. */
export interface CombineInput extends Omit<BandFrame, 'pixels' | 'noise'> {
	frame: OpenFrame;
	/** The frame's noise per channel before normalisation: the kernel's rejection floor. */
	noise: [number, number, number];
}

export interface Combined {
	r: Float32Array;
	g: Float32Array;
	b: Float32Array;
	coverage: Uint16Array;
	rejected: number;
}

/**
 * Combines the frames band by band on the pool. Each band reads only the rows its frames need, by
 * range; bands run `threads` at a time and land in place, so the result is the same for any banding.
 */
export async function combineFrames(
	pool: KernelPool,
	inputs: CombineInput[],
	geometry: { width: number; height: number },
	bands: Band[],
	opts: { threads: number; combine?: CombineOptions; onBand?: (done: number, band: Band, result: BandResult) => void }
): Promise<Combined> {
	const { width, height } = geometry;
	const out: Combined = {
		r: new Float32Array(width * height),
		g: new Float32Array(width * height),
		b: new Float32Array(width * height),
		coverage: new Uint16Array(width * height),
		rejected: 0
	};
	let done = 0;
	await mapLimited(bands, opts.threads, async (band) => {
		const frames = await mapLimited(inputs, READS_IN_FLIGHT, (input) =>
			bandFrame(input, sourceRows(input.refToFrame, band.y0, band.rows, width, height))
		);
		const result = await pool.combineBand(band, width, frames, opts.combine);
		const at = band.y0 * width;
		out.r.set(result.r, at);
		out.g.set(result.g, at);
		out.b.set(result.b, at);
		out.coverage.set(result.coverage, at);
		out.rejected += result.rejected;
		opts.onBand?.(++done, band, result);
	});
	return out;
}

/**
 * One frame's part of a band: only the source rows the band needs, read by range. A frame the band
 * misses still takes part (the kernel chooses its method by frame count, which must not depend on
 * the banding), with two blank rows it never reads.
 */
async function bandFrame(input: CombineInput, [s0, s1]: [number, number]): Promise<BandFrame> {
	const { layout, source } = input.frame;
	const { width, height, bitpix, bzero, bscale, bayer, rowBytes } = layout;
	const missed = s1 <= s0;
	const start = layout.dataOffset + s0 * rowBytes;
	const data = missed ? new Uint8Array(2 * rowBytes) : await source.read(start, start + (s1 - s0) * rowBytes);
	const { refToFrame, scale, offset, target, weight, noise } = input;
	return {
		pixels: { data, y0: missed ? 0 : s0, rows: missed ? 2 : s1 - s0, width, height, bitpix, bzero, bscale, bayer },
		refToFrame,
		scale,
		offset,
		target,
		weight,
		noise
	};
}
