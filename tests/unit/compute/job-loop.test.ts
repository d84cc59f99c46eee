/**
 * The job loop against a real HTTP server speaking the contract's job API, with the real kernel
 * (one in-process WASM instance) and the real M 94 frames.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJobApi, createMemoryFrameCache, runJobLoop, type JobApi, type LoopEvent } from '../../../src/lib/compute';
import { diskCatalogSource } from '../../../src/lib/catalog/disk-source';
import { parseHeader } from '../../../src/lib/fits/header';
import { loadKernel } from '../../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../../src/lib/stacking/pool/local-pool';
import type { KernelPool } from '../../../src/lib/stacking/pool/types';
import { bytesSource } from '../../../src/lib/stacking/sources';
import { backoffDelay } from '../../../src/lib/util/backoff';
import { stackFrames } from '../../../src/lib/stacking/stack-frames';
import { M94 } from '../stacking/helpers';
import { FakeJobServer, sha256, TOKEN } from './fake-job-server';

const frames = readdirSync(M94)
	.filter((f) => f.endsWith('.fit'))
	.sort()
	.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(M94, name))) }));
const CHUNK = '20250327.23_193.1_+41.0';

let pool: KernelPool;
const catalog = diskCatalogSource('static/catalog');
let expectedStackSha: string;
let server: FakeJobServer;

beforeAll(async () => {
	pool = createLocalPool(await loadKernel());
	// Determinism contract: the loop's stack of the downloaded bytes must equal a direct stack of the files.
	const { fits } = await stackFrames(frames.map((f) => bytesSource(f.name, f.bytes)), pool, { catalog });
	expectedStackSha = sha256(fits);
});
afterAll(() => pool.close());
afterEach(() => server?.close());

function api(overrides: Partial<Parameters<typeof createJobApi>[0]> = {}): JobApi {
	return createJobApi({ baseUrl: server.baseUrl, token: TOKEN, retryBaseMs: 20, retryMaxMs: 200, ...overrides });
}

function recorder() {
	const events: LoopEvent[] = [];
	return { events, onEvent: (e: LoopEvent) => events.push(e), of: <T extends LoopEvent['type']>(t: T) => events.filter((e) => e.type === t) as Extract<LoopEvent, { type: T }>[] };
}

describe('runJobLoop', () => {
	it('claims, downloads with checksums (a corrupt download is fetched again), stacks, heartbeats and completes', async () => {
		server = await new FakeJobServer().listen();
		const job = server.addJob(CHUNK, frames, 0.6);
		const corrupted = job.files[2].id;
		server.faults.corrupt.set(corrupted, 1);
		server.faults.downloadDelayMs = 150; // long enough for a heartbeat during the downloads
		const rec = recorder();
		const cache = createMemoryFrameCache();

		const result = await runJobLoop({ api: api(), pool, catalog, workerId: 'test-worker.1', cache, once: true, onEvent: rec.onEvent });

		expect(result).toEqual({ jobs: 1, last: 'completed' });
		expect(job.status).toBe('completed');
		expect(sha256(job.stack!)).toBe(expectedStackSha);
		const { header } = parseHeader(job.stack!);
		expect(header.get('NIMAGES')).toBe(6);
		expect(header.get('PLTSOLVD')).toBe(true);
		expect(job.report).toMatchObject({ counts: { input: 6, aligned: 6 } });
		expect(job.cpuMs).toBeGreaterThan(0);
		// Every frame once, the corrupted one twice.
		const downloads = server.callsOf('download', job.id);
		expect(downloads.filter((c) => c.fileId === corrupted)).toHaveLength(2);
		expect(downloads).toHaveLength(7);
		expect(server.callsOf('claim')[0].body).toEqual({ workerId: 'test-worker.1' });
		// Heartbeats carried progress.
		const beats = server.callsOf('heartbeat', job.id);
		expect(beats.length).toBeGreaterThan(0);
		expect(beats.some((b) => typeof (b.body as { stage?: unknown }).stage === 'string')).toBe(true);
		// Events: claimed, progress through the stages, previews no larger than 400 px, completed.
		expect(rec.of('claimed').map((e) => e.job.id)).toEqual([job.id]);
		const stages = new Set(rec.of('progress').map((e) => e.stage));
		for (const s of ['download', 'open', 'analyse', 'align', 'combine', 'solve', 'write', 'submit']) expect(stages).toContain(s);
		const previews = rec.of('preview');
		expect(previews.length).toBeGreaterThan(0);
		const last = previews.at(-1)!.preview;
		expect(Math.max(last.width, last.height)).toBe(400);
		expect(last.rgba.length).toBe(last.width * last.height * 4);
		expect(rec.of('completed')).toMatchObject([{ status: 'completed', frames: 6 }]);
		// Frames are cached by hash: the same frames in another job are not downloaded again.
		const again = server.addJob(CHUNK, frames, 0.6);
		await runJobLoop({ api: api(), pool, catalog, workerId: 'test-worker.1', cache, once: true });
		expect(again.status).toBe('completed');
		expect(server.callsOf('download', again.id)).toHaveLength(0);
		expect(sha256(again.stack!)).toBe(expectedStackSha);
	});

	it('keeps heartbeating and retries the submission while the server answers 503', async () => {
		server = await new FakeJobServer().listen();
		const job = server.addJob(CHUNK, frames, 0.6);
		server.faults.completeUnavailable = 2;
		const rec = recorder();

		await runJobLoop({ api: api({ retries: 0 }), pool, catalog, workerId: 'w', once: true, onEvent: rec.onEvent });

		expect(job.status).toBe('completed');
		const completes = server.calls.filter((c) => c.verb === 'complete');
		expect(completes.map((c) => c.status)).toEqual([503, 503, 200]);
		// Heartbeats went on between the first refused submission and the accepted one.
		const first503 = server.calls.indexOf(completes[0]);
		const accepted = server.calls.indexOf(completes[2]);
		const between = server.calls.slice(first503, accepted).filter((c) => c.verb === 'heartbeat' && c.status === 200);
		expect(between.length).toBeGreaterThan(0);
		expect(rec.of('error').some((e) => /stack storage is unavailable/.test(e.error))).toBe(true);
	});

	it('drops a job whose heartbeat is answered 409 and goes on with the next claim', async () => {
		server = await new FakeJobServer().listen();
		const lost = server.addJob(CHUNK, frames, 0.3);
		const next = server.addJob('20250327.23_193.1_+41.1', frames, 60);
		server.faults.heartbeatLost.add(lost.id);
		server.faults.downloadDelayMs = 250; // the first heartbeat (100 ms) lands during the downloads
		const rec = recorder();
		const stop = new AbortController();

		const result = await runJobLoop({
			api: api(),
			pool,
			catalog,
			workerId: 'w',
			idleDelayMs: 20,
			signal: stop.signal,
			onEvent: (e) => {
				rec.onEvent(e);
				if (e.type === 'idle') stop.abort();
			}
		});

		expect(result.jobs).toBe(1);
		expect(server.callsOf('complete', lost.id)).toHaveLength(0);
		expect(server.callsOf('fail', lost.id)).toHaveLength(0);
		expect(next.status).toBe('completed');
		expect(rec.of('error').some((e) => e.job?.id === lost.id && /lease lost/.test(e.error))).toBe(true);
	});

	it('gives the lease back when aborted mid-stack and resolves', async () => {
		server = await new FakeJobServer().listen();
		const job = server.addJob(CHUNK, frames, 60);
		const stop = new AbortController();

		const result = await runJobLoop({
			api: api(),
			pool,
			catalog,
			workerId: 'w',
			signal: stop.signal,
			onEvent: (e) => {
				if (e.type === 'progress' && e.stage === 'analyse') stop.abort();
			}
		});

		expect(result).toEqual({ jobs: 0, last: 'aborted' });
		expect(server.callsOf('return', job.id)).toMatchObject([{ status: 200 }]);
		expect(server.callsOf('complete')).toHaveLength(0);
		expect(job).toMatchObject({ status: 'pending', retryCount: 0 });
	});

	it('waits with backoff while the server refuses connections, then works', async () => {
		server = await new FakeJobServer().listen();
		const port = server.port;
		await server.close(); // nothing listens on the port now
		const job = server.addJob(CHUNK, frames, 60);
		const attempts: number[] = [];
		// Three tries are refused; the server is back before the fourth. No timer decides it, so a
		// loaded machine cannot change how many tries were refused.
		const countingFetch: typeof fetch = async (input, init) => {
			attempts.push(Date.now());
			if (attempts.length === 4) await server.listen(port);
			return fetch(input, init);
		};
		// No jitter: each wait is exactly half its step, 50 ms then 100 ms (a sleep never ends early).
		const random = () => 0;

		await runJobLoop({ api: api({ fetch: countingFetch, retries: 8, retryBaseMs: 100, retryMaxMs: 10_000, random }), pool, catalog, workerId: 'w', once: true });

		expect(job.status).toBe('completed');
		const gaps = attempts.slice(1, 4).map((t, i) => t - attempts[i]);
		expect(gaps[0]).toBeGreaterThanOrEqual(backoffDelay(0, 100, 10_000, random) - 2);
		expect(gaps[1]).toBeGreaterThanOrEqual(backoffDelay(1, 100, 10_000, random) - 2);
	});

	it('fails a job it cannot stack with the reason, and one whose frames never match their checksum', async () => {
		server = await new FakeJobServer().listen();
		const junk = server.addJob(CHUNK, [
			{ name: 'a.fit', bytes: new TextEncoder().encode('not a FITS file at all') },
			{ name: 'b.fit', bytes: new Uint8Array(5760) }
		]);
		const rec = recorder();

		await runJobLoop({ api: api(), pool, catalog, workerId: 'w', once: true, onEvent: rec.onEvent });

		expect(junk).toMatchObject({ status: 'retry', retryCount: 1 });
		expect(junk.error).toMatch(/^nothing to stack: no frame could be read and analysed/);
		expect(rec.of('failed')).toMatchObject([{ job: { id: junk.id }, error: junk.error }]);

		const bad = server.addJob(CHUNK, frames.slice(0, 2));
		server.faults.corrupt.set(bad.files[1].id, 99);
		junk.status = 'completed';
		await runJobLoop({ api: api(), pool, catalog, workerId: 'w', once: true });
		expect(bad.status).toBe('retry');
		expect(bad.error).toMatch(new RegExp(`"${bad.files[1].name}".*3 downloads did not match sha256 ${sha256(frames[1].bytes)}`));
		expect(server.callsOf('download', bad.id).filter((c) => c.fileId === bad.files[1].id)).toHaveLength(3);
	});

	it('reports a refused stack (422) as failed with the server\'s reason, without failing it again', async () => {
		server = await new FakeJobServer().listen();
		const job = server.addJob(CHUNK, frames, 60);
		server.faults.completeRefused = 'NIMAGES is 5, the job has 6 frames';
		const rec = recorder();

		const result = await runJobLoop({ api: api(), pool, catalog, workerId: 'w', once: true, onEvent: rec.onEvent });

		expect(result).toEqual({ jobs: 0, last: 'failed' });
		expect(job).toMatchObject({ status: 'retry', retryCount: 1, error: 'NIMAGES is 5, the job has 6 frames' });
		expect(server.callsOf('fail')).toHaveLength(0);
		expect(rec.of('failed')).toMatchObject([{ error: 'stack refused: NIMAGES is 5, the job has 6 frames' }]);
	});
});
