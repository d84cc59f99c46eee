import { describe, expect, it } from 'vitest';
import { DEFAULT_BAND_MEMORY_BYTES } from '../../../src/lib/stacking/bands';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import type { FrameSource } from '../../../src/lib/stacking/types';
import { folderSources, M94 } from './helpers';

const MB = 2 ** 20;

/** `count` full frames: the M 94 six over and over (the content does not move the memory; count and size do). */
async function repeatedSources(count: number, onRead: (bytes: number) => void = () => {}): Promise<FrameSource[]> {
	const six = await folderSources(M94);
	return Array.from({ length: count }, (_, i) => {
		const s = six[i % 6];
		return { ...s, name: `${i}-${s.name}`, read: (a: number, b: number) => (onRead(Math.min(b, s.size) - a), s.read(a, b)) };
	});
}

/** The kernel's WASM memory (which only grows) after stacking `count` frames with the default budget on one fresh kernel. */
async function wasmAfterStacking(count: number): Promise<number> {
	const pool = createLocalPool(loadKernel());
	try {
		const { report } = await stackFrames(await repeatedSources(count), pool);
		expect(report.counts.aligned).toBe(count);
		return await pool.memoryBytes();
	} finally {
		await pool.close();
	}
}

describe('bounded memory', () => {
	it('holds one band of all frames, not all frames, and reads each frame about twice', async () => {
		// 24 full frames (the M 94 six, four times). Combining them whole would need
		// 24 x 1080 x 1920 x 12 bytes = 597 MB of warped planes; with a 16 MB band budget the kernel's
		// memory must stay near what one frame's analysis needs.
		let bytesRead = 0;
		const sources = await repeatedSources(24, (bytes) => (bytesRead += bytes));
		const pool = createLocalPool(loadKernel());
		try {
			const { report } = await stackFrames(sources, pool, { bandMemoryBytes: 16 * MB });
			expect(report.counts.aligned).toBe(24);
			const wasm = await pool.memoryBytes();
			expect(wasm).toBeLessThan(100 * MB);
			const fileBytes = sources.reduce((sum, s) => sum + s.size, 0);
			expect(bytesRead).toBeLessThan(2.5 * fileBytes);
		} finally {
			await pool.close();
		}
	});

	it('keeps the kernel memory flat in the frame count under the default budget', async () => {
		// 24 and 48 full frames: both past the point where the budget, not the frames, sizes the bands
		const [w24, w48] = [await wasmAfterStacking(24), await wasmAfterStacking(48)];
		console.log(`kernel WASM memory after stacking 24 / 48 frames, 1 thread: ${(w24 / MB).toFixed(1)} / ${(w48 / MB).toFixed(1)} MB`);
		expect(w48).toBeLessThanOrEqual(w24 + 4 * MB);
		expect(w48).toBeLessThanOrEqual(DEFAULT_BAND_MEMORY_BYTES + 80 * MB);
	}, 300_000);
});
