import { describe, expect, it } from 'vitest';
import { DEFAULT_BAND_MEMORY_BYTES, planBands } from '../../../src/lib/stacking/bands';
import { sourceRows } from '../../../src/lib/stacking/kernel';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { openFrame } from '../../../src/lib/stacking/open-frames';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import type { Affine, BandFrame, FrameSource } from '../../../src/lib/stacking/types';
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

	it('combines the largest band of 90 or 360 frames planned for 2 threads inside the memory a full-frame analysis holds', async () => {
		// A WASM memory never shrinks, so a kernel keeps the largest of its calls for good: the analysis of a
		// full frame sets it (45.6 MB when each buffer of the frame chain had a region of its own), and a
		// thread's band must fit in it (a 48 MB band share grew each kernel to 48.5 MB).
		const opened = await openFrame((await folderSources(M94))[0], 0);
		if (!('frame' in opened)) throw new Error(opened.reason);
		const { source, layout } = opened.frame;
		const { width, height, bitpix, bzero, bscale, bayer, dataOffset, rowBytes } = layout;
		const kernel = await loadKernel();
		const whole = await source.read(dataOffset, dataOffset + rowBytes * height);
		kernel.analyse({ data: whole, y0: 0, rows: height, width, height, bitpix, bzero, bscale, bayer });
		const analysed = kernel.memoryBytes();
		console.log(`kernel memory after analysing one full frame: ${(analysed / MB).toFixed(1)} MB`);
		expect(analysed).toBeLessThanOrEqual(36 * MB);
		const identity: Affine = [1, 0, 0, 0, 1, 0];
		for (const n of [90, 360]) {
			const bands = planBands(height, width, n, DEFAULT_BAND_MEMORY_BYTES / 2, 2);
			const band = bands.reduce((a, b) => (b.rows > a.rows ? b : a));
			const [s0, s1] = sourceRows(identity, band.y0, band.rows, width, height);
			const data = whole.subarray(s0 * rowBytes, s1 * rowBytes);
			const frame: BandFrame = {
				pixels: { data, y0: s0, rows: s1 - s0, width, height, bitpix, bzero, bscale, bayer },
				refToFrame: identity,
				scale: [1, 1, 1],
				offset: [0, 0, 0],
				target: [0, 0, 0],
				weight: 1
			};
			kernel.combineBand(band.y0, band.rows, width, Array<BandFrame>(n).fill(frame), { method: 'clip', kappa: 3 });
			expect(kernel.memoryBytes(), `${n} frames, ${band.rows}-row band`).toBe(analysed);
		}
	}, 120_000);

	it('keeps the kernel memory flat in the frame count under the default budget', async () => {
		// 24 and 48 full frames: both past the point where the budget, not the frames, sizes the bands
		const [w24, w48] = [await wasmAfterStacking(24), await wasmAfterStacking(48)];
		console.log(`kernel WASM memory after stacking 24 / 48 frames, 1 thread: ${(w24 / MB).toFixed(1)} / ${(w48 / MB).toFixed(1)} MB`);
		expect(w48).toBeLessThanOrEqual(w24 + 4 * MB);
		expect(w48).toBeLessThanOrEqual(DEFAULT_BAND_MEMORY_BYTES + 80 * MB);
	}, 300_000);
});
