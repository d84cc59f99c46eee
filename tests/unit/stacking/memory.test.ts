import { describe, expect, it } from 'vitest';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import type { FrameSource } from '../../../src/lib/stacking/types';
import { folderSources, M94 } from './helpers';

const MB = 2 ** 20;

describe('bounded memory', () => {
	it('holds one band of all frames, not all frames, and reads each frame about twice', async () => {
		// 24 full frames (the M 94 six, four times). Combining them whole would need
		// 24 x 1080 x 1920 x 12 bytes = 597 MB of warped planes; with a 16 MB band budget the kernel's
		// memory must stay near what one frame's analysis needs.
		const six = await folderSources(M94);
		let bytesRead = 0;
		const sources: FrameSource[] = Array.from({ length: 24 }, (_, i) => {
			const s = six[i % 6];
			return { ...s, name: `${i}-${s.name}`, read: (a: number, b: number) => ((bytesRead += Math.min(b, s.size) - a), s.read(a, b)) };
		});
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
});
