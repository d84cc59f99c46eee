/**
 * `node runner.js` against the real app server and database: an observer's uploaded M 94 frames
 * are stacked by a second user's trusted runner; the stack, its thumbnail and the row appear and
 * the free-tier raws are gone. SIGTERM in the middle of a job gives the job back.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rawFiles, stackedFrames } from '$lib/server/db/schema';
import { rawStorage, stackStorage } from '$lib/server/storage';
import { baseUrl } from '../helpers/browser';
import { testDb, withDb } from '../helpers/db';
import { runner } from '../harness/runner-process';
import { jobsOf, observer, parkOtherJobs, trustedToken, uploadAndFinalize } from './runner-steps';

withDb({ shared: true });

/** Forwards to the app server but holds every frame download: a runner behind it stays mid-job. */
function holdingProxy(onHeld: () => void): Promise<Server> {
	const target = new URL(baseUrl());
	const server = createServer((req, res) => {
		if (req.method === 'GET' && /^\/api\/jobs\/\d+\/files\/\d+$/.test(req.url ?? '')) {
			onHeld();
			return; // never answered
		}
		const forward = httpRequest(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
			(upstream) => {
				res.writeHead(upstream.statusCode ?? 502, upstream.headers);
				upstream.pipe(res);
			}
		);
		forward.on('error', () => res.writeHead(502).end());
		req.pipe(forward);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('node runner.js against the app', () => {
	let proxy: Server | undefined;
	afterAll(() => {
		proxy?.closeAllConnections();
		proxy?.close();
	});

	it('stacks an observer\'s uploaded frames: stack, thumbnail and row stored, free-tier raws deleted', async () => {
		const obs = await observer();
		const { sessionId } = await uploadAndFinalize(obs.cookie);
		await parkOtherJobs(sessionId);
		const [job] = await jobsOf(sessionId);
		expect(job).toMatchObject({ status: 'pending', frameCount: 6 });
		const token = await trustedToken();

		const run = runner(['--server', baseUrl(), '--token', token, '--once', '--concurrency', '2']);
		expect(await run.exit, run.out() + run.err()).toBe(0);

		const chunk = job.chunkKey.replace(/[.+]/g, '\\$&');
		expect(run.out()).toMatch(new RegExp(`^runner-\\S+: working for .*\\njob ${job.id} ${chunk}: completed 6/6 frames in \\d+\\.\\d s \\(attempt 1 of 3\\)\\n$`));
		const [done] = await jobsOf(sessionId);
		expect(done.status).toBe('completed');
		const [stack] = await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, job.id));
		expect(stack).toMatchObject({ userId: obs.id, nFramesInput: 6, nFramesAligned: 6 });
		expect(stack.thumbnailPath).toBeTruthy();
		expect((await stackStorage().stat(stack.storagePath))?.size).toBe(stack.fileSizeBytes);
		expect(await stackStorage().stat(stack.thumbnailPath!)).not.toBeNull();
		const raws = await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, sessionId));
		expect(raws).toHaveLength(6);
		for (const raw of raws) {
			expect(raw.isDeleted).toBe(1);
			expect(await rawStorage().stat(raw.storagePath)).toBeNull();
		}
	});

	it('SIGTERM mid-job gives the lease back: exit 0, the job claimable again, not failed', async () => {
		const obs = await observer();
		const { sessionId } = await uploadAndFinalize(obs.cookie);
		await parkOtherJobs(sessionId);
		const [job] = await jobsOf(sessionId);
		const token = await trustedToken();
		let held!: () => void;
		const downloading = new Promise<void>((resolve) => (held = resolve));
		proxy = await holdingProxy(() => held());
		const via = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

		const run = runner(['--server', via, '--token', token, '--concurrency', '1']);
		await downloading;
		expect((await jobsOf(sessionId))[0].status).toBe('processing');
		run.child.kill('SIGTERM');
		expect(await run.exit, run.out() + run.err()).toBe(0);
		expect(run.out()).toMatch(new RegExp(`\\njob ${job.id} ${job.chunkKey.replace(/[.+]/g, '\\$&')}: stopped, lease given back\\n$`));
		const [back] = await jobsOf(sessionId);
		expect(back).toMatchObject({ status: 'pending', retryCount: 0 });

		// Claimable at once: another runner, straight to the server, finishes it.
		const again = runner(['--server', baseUrl(), '--token', token, '--once', '--concurrency', '2']);
		expect(await again.exit, again.out() + again.err()).toBe(0);
		expect(again.out()).toMatch(new RegExp(`\\njob ${job.id} .*: completed 6/6 frames in \\d+\\.\\d s \\(attempt 1 of 3\\)\\n$`)); // given back: no attempt spent
	});
});
