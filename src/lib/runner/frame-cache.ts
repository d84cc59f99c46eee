import { createMemoryFrameCache } from '../compute/memory-frame-cache';
import type { FrameCache } from '../compute/types';

/** Frames kept between jobs (a job re-issued to this runner is not downloaded again). */
export const RUNNER_CACHE_BYTES = 256 * 1024 * 1024;

/** The frame cache of `runner.js work`. */
export async function createRunnerFrameCache(maxBytes = RUNNER_CACHE_BYTES): Promise<FrameCache & { close(): Promise<void> }> {
	return { ...createMemoryFrameCache(maxBytes), close: async () => {} };
}
