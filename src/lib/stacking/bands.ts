import type { Band } from './pool/types';

/**
 * Warped frame pixels all bands in flight may hold together, by default, whatever the frame count:
 * split over the threads, so band rows shrink as frames grow and the memory does not grow with N or
 * the core count. A thread's share (30 MB at 2 threads) and its frames' source rows fit in the memory
 * its kernel already holds for analysing a full frame (32.9 MB), which a WASM memory never gives back:
 * combining then grows no kernel. Measured with 2 threads on synthetic full frames (runner.js stack,
 * GNU time): 96 MB here held 48.5 MB per kernel, peak RSS 344-389 / 420 MB at 90 / 360 frames; 64 MB
 * held 33.1 MB, 313-337 / 391 MB, with the same output bytes. (384 MB here: 765 MB at 90 frames.)
 */
export const DEFAULT_BAND_MEMORY_BYTES = 60 * 2 ** 20;

/** What the kernel holds per output pixel and frame while combining: three float32 channels. */
const BYTES_PER_SAMPLE = 3 * 4;

/** Bands per thread at least, so threads stay busy to the end and progress moves. */
const BANDS_PER_THREAD = 4;

/**
 * Splits `height` output rows into bands of near-equal size such that frames x rows x width x 12
 * bytes stays within `memoryBytes` (one band's share), and into at least BANDS_PER_THREAD bands per thread.
 * The banding changes neither pixel values nor output bytes, only memory and parallelism.
 */
export function planBands(height: number, width: number, frames: number, memoryBytes: number, threads: number): Band[] {
	if (!(memoryBytes > 0)) throw new RangeError(`band memory must be positive, got ${memoryBytes}`);
	const maxRows = Math.max(1, Math.floor(memoryBytes / (Math.max(1, frames) * width * BYTES_PER_SAMPLE)));
	const count = Math.min(height, Math.max(Math.ceil(height / maxRows), threads * BANDS_PER_THREAD));
	const bands: Band[] = [];
	for (let i = 0; i < count; i++) {
		const y0 = Math.floor((i * height) / count);
		bands.push({ y0, rows: Math.floor(((i + 1) * height) / count) - y0 });
	}
	return bands;
}
