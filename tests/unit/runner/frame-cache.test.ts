/** The runner's frame cache: bounded by bytes, and its frames cost the process no memory, during a job or after. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JobFile, JobTicket } from '../../../src/lib/api/jobs';
import { downloadFrames } from '../../../src/lib/compute/download-frames';
import type { JobApi } from '../../../src/lib/compute/types';
import { createRunnerFrameCache } from '../../../src/lib/runner/frame-cache';
import { sha256Hex } from '../../../src/lib/util/sha256';
import { collectedMemory } from '../../harness/memory-slope';

const MB = 2 ** 20;
/** A full Seestar frame's file size, about. */
const FRAME = 4 * MB;

describe('the runner frame cache', () => {
	it('holds its frames outside the process memory: 64 full frames (256 MB) add under 32 MB', async () => {
		const cache = await createRunnerFrameCache();
		try {
			const before = (await collectedMemory()).arrayBuffers;
			for (let i = 0; i < 64; i++) {
				const bytes = new Uint8Array(FRAME);
				bytes[0] = i;
				await cache.put(`frame${i}`, bytes);
			}
			const grown = ((await collectedMemory()).arrayBuffers - before) / MB;
			console.log(`runner frame cache: 64 frames of 4 MB put, process array buffers grew ${grown.toFixed(1)} MB`);
			expect(grown).toBeLessThan(32);
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

describe("a job's frames through the runner frame cache", () => {
	it('are read back by range, never held whole: 32 full frames downloaded add under 16 MB', async () => {
		const cache = await createRunnerFrameCache();
		try {
			const frames = Array.from({ length: 32 }, (_, i) => {
				const bytes = new Uint8Array(FRAME);
				bytes.fill(i, 0, 1024);
				return bytes;
			});
			const files = await Promise.all(frames.map(async (b, i) => ({ id: i, name: `f${i}.fit`, size: b.length, sha256: await sha256Hex(b) })));
			const job = { id: 1, chunkKey: 'c', object: null, telescope: null, frameCount: 32, leaseToken: 't', leaseSeconds: 60, files } as JobTicket;
			// The API hands out a fresh copy per download, as a response body is.
			const api = { download: async (_job: JobTicket, file: JobFile) => frames[file.id].slice() } as unknown as JobApi;
			const before = (await collectedMemory()).arrayBuffers;
			const sources = await downloadFrames(api, job, { cache, concurrency: 3 });
			const grown = ((await collectedMemory()).arrayBuffers - before) / MB;
			console.log(`32 frames of 4 MB downloaded through the runner cache: array buffers grew ${grown.toFixed(1)} MB while the job holds them`);
			expect(grown).toBeLessThan(16);
			expect(sources.map((s) => s.name)).toEqual(files.map((f) => f.name));
			expect(await sources[31].read(0, 4)).toEqual(new Uint8Array([31, 31, 31, 31]));
			expect(sources[31].size).toBe(FRAME);
		} finally {
			await cache.close();
		}
	});

	it('serves frames already cached by range alone: none is read whole, none downloaded', async () => {
		const cache = await createRunnerFrameCache();
		try {
			const frames = Array.from({ length: 4 }, (_, i) => new Uint8Array(FRAME).fill(i, 0, 1024));
			const files = await Promise.all(frames.map(async (b, i) => ({ id: i, name: `f${i}.fit`, size: b.length, sha256: await sha256Hex(b) })));
			for (const [i, b] of frames.entries()) await cache.put(files[i].sha256, b);
			const job = { id: 1, chunkKey: 'c', object: null, telescope: null, frameCount: 4, leaseToken: 't', leaseSeconds: 60, files } as JobTicket;
			const api = {
				download: async () => {
					throw new Error('a cached frame was downloaded');
				}
			} as unknown as JobApi;
			let wholeReads = 0;
			const counted = { ...cache, get: (sha256: string) => (wholeReads++, cache.get(sha256)) };
			const sources = await downloadFrames(api, job, { cache: counted, concurrency: 2 });
			expect(wholeReads).toBe(0);
			expect(await sources[3].read(0, 4)).toEqual(new Uint8Array([3, 3, 3, 3]));
		} finally {
			await cache.close();
		}
	});

	it('keeps the frames opened for the job in hand past its byte cap until they are released', async () => {
		const cache = await createRunnerFrameCache(8);
		try {
			const bytes = ['a', 'b', 'c'].map((k) => new Uint8Array(4).fill(k.charCodeAt(0)));
			await cache.put('a', bytes[0]);
			const a = await cache.open!('a', 'a.fit');
			await cache.put('b', bytes[1]);
			await cache.put('c', bytes[2]); // 12 bytes over a cap of 8: b goes, a is in use
			expect(await a!.read(0, 4)).toEqual(bytes[0]);
			expect(await cache.get('b')).toBeUndefined();
			cache.release!();
			await cache.put('b', bytes[1]); // a is free to go now
			expect(await cache.get('a')).toBeUndefined();
			expect(await cache.get('c')).toEqual(bytes[2]);
		} finally {
			await cache.close();
		}
	});
});
