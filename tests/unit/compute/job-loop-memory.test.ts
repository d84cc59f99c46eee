/**
 * A night of jobs in one process: the real job loop on a real worker_threads kernel pool (the
 * runner's), against a real HTTP job server, with the real M 94 frames. Memory retained per job,
 * after a full collection, must stay flat: a leak of anything job-sized (a band, a stack, a frame)
 * shows as a slope of megabytes per job.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createJobApi, createMemoryFrameCache, runJobLoop } from '../../../src/lib/compute';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { createNodePool } from '../../../src/lib/stacking/pool/node-pool';
import { collectedMemory, medianSlopePerStep } from '../../harness/memory-slope';
import { M94 } from '../stacking/helpers';
import { FakeJobServer, TOKEN } from './fake-job-server';

const JOBS = 8;
/** Jobs before the slope is fitted: caches, pools and JIT fill up first. */
const WARM_UP = 2;
/** The leak this guards against retained a whole stack (29 MB) per job. */
const MAX_MB_PER_JOB = 1;

const frames = readdirSync(M94)
	.filter((f) => f.endsWith('.fit'))
	.sort()
	.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(M94, name))) }));
const pool = createNodePool(2);
afterAll(() => pool.close());

it(`retains under ${MAX_MB_PER_JOB} MB per job over ${JOBS} jobs through one loop and one kernel pool`, async () => {
	const server = await new FakeJobServer().listen();
	try {
		for (let i = 0; i < JOBS; i++) server.addJob('20250327.23_193.1_+41.0', frames, 60);
		const retained: number[] = [];
		const failures: string[] = [];
		const api = createJobApi({ baseUrl: server.baseUrl, token: TOKEN });
		const cache = createMemoryFrameCache();
		// One job per loop run, measured once the run has returned: nothing of the job is then in
		// hand, so what a collection leaves is what the pool, the cache and the loop's modules retain.
		// (Measured inside the 'completed' event, the job's own buffers were sometimes still live,
		// and the readings jumped by a stack's size either way.)
		for (let i = 0; i < JOBS; i++) {
			const { jobs } = await runJobLoop({
				api,
				pool,
				catalog: diskCatalogSource('static/catalog'),
				workerId: 'soak-test',
				cache,
				once: true,
				onEvent: (e) => {
					if (e.type === 'failed' || e.type === 'error') failures.push(`${e.type}: ${e.error}`);
				}
			});
			expect(jobs).toBe(1);
			// The fake server keeps what it was sent; this test measures the worker's side only.
			for (const job of server.jobs) job.stack = undefined;
			const m = await collectedMemory();
			retained.push((m.external + m.heapUsed) / 2 ** 20);
		}
		expect(failures).toEqual([]);
		const slope = medianSlopePerStep(retained.slice(WARM_UP));
		console.log(`job loop, ${retained.length} jobs: retained MB per job ${retained.map((m) => m.toFixed(0)).join(' ')}; slope after ${WARM_UP} ${slope.toFixed(2)} MB/job`);
		expect(slope).toBeLessThan(MAX_MB_PER_JOB);
	} finally {
		await server.close();
	}
}, 60_000);
