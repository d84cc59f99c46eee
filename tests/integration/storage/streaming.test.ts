import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { forEachStorage } from '../../helpers/webdav';
import { generatedChunks, sha256Of } from './helpers';

// Forced collections before each sample, so the figures count live memory, not garbage; the
// pause lets V8 release freed buffers' memory (done off the main thread) before the count.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
async function liveBytes(): Promise<number> {
	gc();
	await new Promise((done) => setTimeout(done, 20));
	gc();
	const { heapUsed, external } = process.memoryUsage();
	return heapUsed + external;
}

const CHUNKS = 60;
const CHUNK = 1 << 20; // 60 MiB in all

forEachStorage('streaming a large object', (use) => {
	it('stores 60 MiB from an async iterable without holding it in memory', async () => {
		const { storage, dir } = use();
		const expected = await sha256Of(generatedChunks(CHUNKS, CHUNK));
		const samples: number[] = [];
		const stored = await storage.put(
			'big/generated.bin',
			generatedChunks(CHUNKS, CHUNK, async (i) => {
				if (i % 4 === 0 && i > 0) samples.push(await liveBytes()); // 4, 8, ... 56 MiB handed over
			})
		);
		expect(stored).toEqual({ path: 'big/generated.bin', size: CHUNKS * CHUNK });
		// Holding what was handed over would spread the samples by ≥ 52 MiB; streaming keeps a
		// bounded amount in flight, so memory stays level (single samples jitter by several MiB).
		const spread = Math.max(...samples) - Math.min(...samples);
		console.log(`live memory over the put: spread ${(spread / 2 ** 20).toFixed(1)} MiB over ${samples.length} samples`);
		expect(spread).toBeLessThan((CHUNKS * CHUNK) / 3);

		expect(await sha256Of(createReadStream(join(dir, 'big/generated.bin')))).toBe(expected);
		expect(await sha256Of(await storage.read('big/generated.bin'))).toBe(expected);
	});
});
