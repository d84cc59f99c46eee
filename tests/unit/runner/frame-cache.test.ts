/** The runner's frame cache: bounded by bytes, and its frames cost the process no memory. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRunnerFrameCache } from '../../../src/lib/runner/frame-cache';
import { collectedMemory } from '../../harness/memory-slope';

const MB = 2 ** 20;
/** A full Seestar frame's file size, about. */
const FRAME = 4 * MB;

describe('the runner frame cache', () => {
	it('holds its frames outside the process memory: 64 full frames add under 16 MB', async () => {
		const cache = await createRunnerFrameCache();
		try {
			const before = collectedMemory().arrayBuffers;
			for (let i = 0; i < 64; i++) {
				const bytes = new Uint8Array(FRAME);
				bytes[0] = i;
				await cache.put(`frame${i}`, bytes);
			}
			const grown = (collectedMemory().arrayBuffers - before) / MB;
			console.log(`runner frame cache: 64 frames of 4 MB put, process array buffers grew ${grown.toFixed(1)} MB`);
			expect(grown).toBeLessThan(16);
			expect((await cache.get('frame63'))?.[0]).toBe(63);
		} finally {
			await cache.close();
		}
	});

	it('drops the least recently used frames past its byte cap', async () => {
		const cache = await createRunnerFrameCache(10);
		try {
			const [a, b, c] = [randomBytes(4), randomBytes(4), randomBytes(4)].map((x) => new Uint8Array(x));
			await cache.put('a', a);
			await cache.put('b', b);
			await cache.get('a'); // a is now the most recent
			await cache.put('c', c);
			expect(await cache.get('b')).toBeUndefined();
			expect(await cache.get('a')).toEqual(a);
			expect(await cache.get('c')).toEqual(c);
			await cache.put('huge', new Uint8Array(11));
			expect(await cache.get('huge')).toBeUndefined();
		} finally {
			await cache.close();
		}
	});
});
