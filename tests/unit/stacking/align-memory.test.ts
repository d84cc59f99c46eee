/**
 * The alignment of a large chunk runs on the main thread, frame after frame: each frame's triangle
 * matching is garbage once it is aligned, but young-generation collections caught mid-frame promoted
 * it, so V8 grew the main heap by ~100 MB over 360 frames (23 MB live). The heap must stay near its
 * live size.
 */
import { expect, it } from 'vitest';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import { openFrame } from '../../../src/lib/stacking/open-frames';
import type { KernelPool } from '../../../src/lib/stacking/pool/types';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import type { FrameAnalysis } from '../../../src/lib/stacking/types';
import { folderSources, M94 } from './helpers';

const FRAMES = 360;
const MB = 2 ** 20;

/** Stops stackFrames once alignment is done. */
class AlignedAll extends Error {}

it(`aligns ${FRAMES} frames with the main heap grown under 40 MB`, async () => {
	const six = await folderSources(M94);
	const real = createLocalPool(loadKernel());
	let analysis: FrameAnalysis;
	try {
		const opened = await openFrame(six[0], 0);
		if ('reason' in opened) throw new Error(opened.reason);
		const { layout } = opened.frame;
		const data = await six[0].read(layout.dataOffset, layout.dataOffset + layout.rowBytes * layout.height);
		analysis = await real.analyse({ data, y0: 0, rows: layout.height, ...layout });
	} finally {
		await real.close();
	}
	// Every frame gets the same real star list, shifted by its own whole pixels: real matching work.
	let calls = 0;
	const pool = {
		size: 2,
		analyse: async () => {
			const dx = (calls % 19) - 9;
			const dy = (Math.floor(calls++ / 19) % 19) - 9;
			return { ...analysis, stars: analysis.stars.map((s) => ({ ...s, x: s.x + dx, y: s.y + dy })) };
		}
	} as unknown as KernelPool;
	const sources = Array.from({ length: FRAMES }, (_, i) => ({ ...six[i % 6], name: `${i}-${six[i % 6].name}` }));
	let heapAtStart = 0;
	let heapAtEnd = 0;
	await expect(
		stackFrames(sources, pool, {
			onProgress: (p) => {
				if (p.stage === 'align' && p.done === 0) heapAtStart = process.memoryUsage().heapTotal;
				if (p.stage === 'combine') {
					heapAtEnd = process.memoryUsage().heapTotal;
					throw new AlignedAll();
				}
			}
		})
	).rejects.toThrow(AlignedAll);
	const grown = (heapAtEnd - heapAtStart) / MB;
	console.log(`alignment of ${FRAMES} frames: main heap ${(heapAtStart / MB).toFixed(0)} -> ${(heapAtEnd / MB).toFixed(0)} MB`);
	expect(grown).toBeLessThan(40);
}, 120_000);

