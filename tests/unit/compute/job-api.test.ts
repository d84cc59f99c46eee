/** The job API client's error types, headers and retries, against a real HTTP server on 127.0.0.1. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobTicket } from '../../../src/lib/api/jobs';
import { ApiError, createJobApi, LeaseLostError, RefusedError, Unavailable } from '../../../src/lib/compute';
import { backoffDelay } from '../../../src/lib/util/backoff';
import { createMemoryFrameCache } from '../../../src/lib/compute/memory-frame-cache';

const job: JobTicket = { id: 7, chunkKey: 'k', object: null, telescope: null, frameCount: 1, leaseToken: 'lease-7', leaseSeconds: 60, files: [] };

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** Answers each request with the next [status, body]; records what it got. */
async function serve(answers: [number, unknown][]) {
	const seen: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];
	server = createServer((req, res) => {
		seen.push({ method: req.method, url: req.url, headers: req.headers });
		req.resume();
		const [status, body] = answers.shift() ?? [500, { message: 'no more answers' }];
		res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? undefined : JSON.stringify(body));
	});
	await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
	const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	return { seen, api: createJobApi({ baseUrl, token: 'tok', retries: 2, retryBaseMs: 5, retryMaxMs: 20 }) };
}

describe('createJobApi', () => {
	it('sends the bearer token, the lease token and the origin; reads 204 as no job', async () => {
		const { api, seen } = await serve([[204, undefined], [200, { leaseExpiresAt: 'x' }]]);
		expect(await api.claim('w-1')).toBeNull();
		await api.heartbeat(job, { stage: 'combine', done: 2, total: 9 });
		expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/jobs/claim', headers: { authorization: 'Bearer tok' } });
		expect(seen[0].headers['x-lease-token']).toBeUndefined();
		expect(seen[1]).toMatchObject({ url: '/api/jobs/7/heartbeat', headers: { 'x-lease-token': 'lease-7' } });
		expect(seen[1].headers.origin).toBe(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`);
	});

	it('types errors by status with the server\'s message', async () => {
		const { api } = await serve([
			[409, { message: 'lease expired' }],
			[404, { message: 'no such job' }],
			[422, { message: 'NIMAGES is 5, the job has 6 frames' }],
			[400, { message: 'workerId bad' }]
		]);
		await expect(api.heartbeat(job)).rejects.toThrow(LeaseLostError);
		await expect(api.fail(job, 'x')).rejects.toMatchObject({ name: 'LeaseLostError', status: 404 });
		await expect(api.complete(job, new Uint8Array(8), {}, 1, [])).rejects.toEqual(new RefusedError('NIMAGES is 5, the job has 6 frames'));
		const bad = await api.claim('w').catch((e) => e);
		expect(bad).toBeInstanceOf(ApiError);
		expect(bad).not.toBeInstanceOf(Unavailable);
		expect(bad.message).toMatch(/POST \/api\/jobs\/claim answered 400: workerId bad/);
	});

	it('retries 5xx a bounded number of times, then throws Unavailable; a later success is returned', async () => {
		const { api, seen } = await serve([
			[503, { message: 'restarting' }],
			[502, { message: 'bad gateway' }],
			[503, { message: 'still restarting' }],
			[503, { message: 'down' }],
			[200, { status: 'completed' }]
		]);
		await expect(api.giveBack(job)).rejects.toThrow(/answered 503: still restarting/);
		expect(seen).toHaveLength(3);
		expect(await api.complete(job, new Uint8Array(8), { a: 1 }, 5, ['ab'])).toEqual({ status: 'completed' });
		expect(seen).toHaveLength(5);
	});

	it('refuses a malformed ticket by name', async () => {
		const { api } = await serve([[200, { job: { id: 3, chunkKey: 'k', leaseToken: 't', leaseSeconds: 60, files: [{ id: 1, name: 'a', size: 1, sha256: 'nope' }] } }]]);
		await expect(api.claim('w')).rejects.toThrow(/malformed job: files\[0\] is not \{ id, name, size, sha256 \}/);
	});

	it('keeps the attempt and its bound when the ticket has them, refuses nonsense ones by name', async () => {
		const file = { id: 1, name: 'a.fit', size: 1, sha256: 'A'.repeat(64) };
		const ticket = { id: 3, chunkKey: 'k', leaseToken: 't', leaseSeconds: 60, files: [file] };
		const { api } = await serve([
			[200, { job: { ...ticket, attempt: 2, maxAttempts: 3 } }],
			[200, { job: ticket }],
			[200, { job: { ...ticket, attempt: 0, maxAttempts: 3 } }],
			[200, { job: { ...ticket, attempt: 2, maxAttempts: '3' } }],
			[200, { job: { ...ticket, attempt: 4, maxAttempts: 3 } }]
		]);
		expect(await api.claim('w')).toMatchObject({ id: 3, attempt: 2, maxAttempts: 3, files: [{ ...file, sha256: 'a'.repeat(64) }] });
		const plain = (await api.claim('w'))!;
		expect('attempt' in plain || 'maxAttempts' in plain).toBe(false);
		await expect(api.claim('w')).rejects.toThrow(/malformed job: attempt is not a positive integer/);
		await expect(api.claim('w')).rejects.toThrow(/malformed job: maxAttempts is not a positive integer/);
		await expect(api.claim('w')).rejects.toThrow(/malformed job: attempt 4 is beyond maxAttempts 3/);
	});
});

describe('backoffDelay', () => {
	it('grows by doubling up to the cap, between half and all of the step', () => {
		expect(backoffDelay(0, 100, 1000, () => 0)).toBe(50);
		expect(backoffDelay(0, 100, 1000, () => 1)).toBe(100);
		expect(backoffDelay(3, 100, 1000, () => 0.5)).toBe(600);
		expect(backoffDelay(20, 100, 1000, () => 1)).toBe(1000);
	});
});

describe('createMemoryFrameCache', () => {
	it('drops the least recently used frames past its byte cap', async () => {
		const cache = createMemoryFrameCache(10);
		await cache.put('a', new Uint8Array(4));
		await cache.put('b', new Uint8Array(4));
		await cache.get('a'); // a is now the most recent
		await cache.put('c', new Uint8Array(4));
		expect(await cache.get('b')).toBeUndefined();
		expect(await cache.get('a')).toHaveLength(4);
		expect(await cache.get('c')).toHaveLength(4);
		await cache.put('huge', new Uint8Array(11));
		expect(await cache.get('huge')).toBeUndefined();
	});
});
