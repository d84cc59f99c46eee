import type { BandResult, KernelPool } from '$lib/stacking';
import type { Band } from '$lib/stacking/pool/types';
import { combineFrames, type CombineInput } from '$lib/stacking/combine';
import { COMBINE } from '$lib/stacking/stack-frames';
import { combinedBandHash, verifyBands } from '$lib/stacking/verify-bands';
import { Mismatch } from './mismatch';

/**
 * Combines the sampled verification bands with the kernel from the report's inputs and compares
 * each with the worker's hash of that band (already checked against its file). The combine gives
 * the same values for any banding, so a band computed alone is the band of the whole stack.
 */
export async function checkBands(
	pool: KernelPool,
	inputs: CombineInput[],
	geometry: { width: number; height: number },
	sample: number[],
	hashes: string[]
): Promise<void> {
	const all = verifyBands(geometry.height);
	const bands = sample.map((i) => all[i]);
	const done: { index: number; band: Band; result: BandResult }[] = [];
	await combineFrames(pool, inputs, geometry, bands, {
		threads: pool.size,
		combine: COMBINE,
		onBand: (_n, band, result) => done.push({ index: band.y0 / all[0].rows, band, result })
	});
	for (const { index, band, result } of done.sort((a, b) => a.index - b.index)) {
		if ((await combinedBandHash(result.r, result.g, result.b, result.coverage)) !== hashes[index]) {
			throw new Mismatch(`band ${index} (rows ${band.y0}..${band.y0 + band.rows - 1}) is not what the kernel makes of these frames`);
		}
	}
}
