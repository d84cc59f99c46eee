import type { FrameCache } from '../compute/types';
import { createDiskFrameCache } from './disk-frame-cache';

/** Frames kept between jobs (a job re-issued to this runner is not downloaded again): 1 GiB on disk. */
export const RUNNER_CACHE_BYTES = 1024 * 1024 * 1024;

/** The frame cache of `runner.js work`: on disk, so a full cache costs the runner no memory. */
export function createRunnerFrameCache(maxBytes = RUNNER_CACHE_BYTES): Promise<FrameCache & { close(): Promise<void> }> {
	return createDiskFrameCache(maxBytes);
}
