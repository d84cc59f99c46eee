/**
 * GET /api/status/stream: a snapshot event at once, another only when the database changes,
 * heartbeats, and nothing runs any more once the client has gone.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { stackingJobs } from '$lib/server/db/schema';
import type { StatusSnapshot } from '$lib/api/status';
import type { LoginSession, SessionUser } from '$lib/server/auth/types';
import { statusSnapshot, statusStream } from '$lib/server/status';
import { createApiToken, createSession, generateSessionToken, invalidateSession, revokeApiToken } from '$lib/server/auth';
import { sleep } from '$lib/util/sleep';
import { GET as stream } from '../../../src/routes/api/status/stream/+server';
import { createTestStackingJob, createTestUploadSession, resetTables, testDb, withDb } from '../../helpers/db';
import { call, sessionUser } from '../jobs/helpers';

withDb();
beforeEach(resetTables);

/** Reads server-sent events off a body: each `next()` is the next event or comment, as text. */
function eventsOf(body: ReadableStream<Uint8Array>) {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	return {
		reader,
		async next(): Promise<string | null> {
			for (;;) {
				const end = buffer.indexOf('\n\n');
				if (end >= 0) {
					const event = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					return event;
				}
				const { value, done } = await reader.read();
				if (done) return null;
				buffer += decoder.decode(value, { stream: true });
			}
		},
		/** The next `snapshot` event's data, skipping the retry line and comments. */
		async snapshot(): Promise<StatusSnapshot> {
			for (;;) {
				const event = await this.next();
				if (event === null) throw new Error('the stream ended before a snapshot');
				if (event.startsWith('event: snapshot\n')) return JSON.parse(event.slice('event: snapshot\ndata: '.length));
			}
		}
	};
}

/** The stream's event for `user` logged in with a real session, as handleAuth makes it. */
async function loggedIn(user: SessionUser, request: Request) {
	const session = await createSession(generateSessionToken(), user.id);
	return { locals: { user, session }, params: {}, request, url: new URL(request.url), getClientAddress: () => '192.0.2.1' } as Parameters<typeof stream>[0] & { locals: { session: LoginSession } };
}

describe('GET /api/status/stream', () => {
	it('sends the snapshot at once and again when a job changes; stops when the client aborts', async () => {
		const owner = await sessionUser();
		const session = await createTestUploadSession(owner.id, { status: 'complete' });
		const job = await createTestStackingJob(owner.id, session.id, { frameCount: 6 });
		const abort = new AbortController();
		const request = new Request('http://localhost/api/status/stream', { signal: abort.signal });
		const response = await stream(await loggedIn(owner, request));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const events = eventsOf(response.body!);

		expect(await events.next()).toBe('retry: 2000');
		const first = await events.snapshot();
		expect(first).toEqual(JSON.parse(JSON.stringify(await statusSnapshot(owner.id))));
		expect(first.sessions[0].jobs[0]).toMatchObject({ id: job.id, status: 'pending' });

		await testDb()
			.update(stackingJobs)
			.set({ status: 'processing', workerId: 'tab-9', progressStage: 'combine', progressDone: 2, progressTotal: 6 })
			.where(eq(stackingJobs.id, job.id));
		const second = await events.snapshot();
		expect(second.sessions[0].jobs[0]).toMatchObject({ status: 'processing', workerId: 'tab-9', progress: { stage: 'combine', done: 2, total: 6 } });

		abort.abort();
		expect(await events.next()).toBeNull();
	});

	/** The owner's stream, then `endCredential()`: a later change must not reach it, and it ends. */
	async function playCredentialGone(open: (owner: SessionUser) => Promise<{ response: Response; endCredential: () => Promise<void> }>) {
		const owner = await sessionUser();
		const session = await createTestUploadSession(owner.id, { status: 'complete' });
		const job = await createTestStackingJob(owner.id, session.id, { frameCount: 6 });
		const { response, endCredential } = await open(owner);
		expect(response.status).toBe(200);
		const events = eventsOf(response.body!);
		expect((await events.snapshot()).sessions[0].jobs[0]).toMatchObject({ id: job.id, status: 'pending' });

		await endCredential();
		await testDb().update(stackingJobs).set({ status: 'processing', workerId: 'after-logout' }).where(eq(stackingJobs.id, job.id));
		const after: string[] = [];
		const drained = (async () => {
			for (let event = await events.next(); event !== null; event = await events.next()) after.push(event);
			return 'ended';
		})();
		// Polls run every second: within 5 s the stream must have ended.
		expect(await Promise.race([drained, sleep(5000).then(() => 'still open')])).toBe('ended');
		expect(after.filter((e) => e.includes('after-logout'))).toEqual([]);
	}

	it('ends once the login session is gone (logout)', async () => {
		await playCredentialGone(async (owner) => {
			const event = await loggedIn(owner, new Request('http://localhost/api/status/stream'));
			const response = await stream(event);
			return { response, endCredential: () => invalidateSession(event.locals.session.id) };
		});
	});

	it('ends once its API token is revoked', async () => {
		await playCredentialGone(async (owner) => {
			const created = await createApiToken(owner.id, 'status');
			if (!created.ok) throw new Error(created.message);
			const response = await call(stream, { user: null, bearer: created.token }, new Request('http://localhost/api/status/stream'));
			return { response, endCredential: async () => void (await revokeApiToken(owner.id, created.summary.id)) };
		});
	});

	it('401 without a login', async () => {
		const response = await call(stream, { user: null }, new Request('http://localhost/api/status/stream'));
		expect(response.status).toBe(401);
		expect((await response.json()).message).toMatch(/Log in/);
	});
});

describe('statusStream', () => {
	it('sends nothing while the value stays the same, heartbeats meanwhile, and stops reading once cancelled', async () => {
		let reads = 0;
		const body = statusStream(async () => ({ reads: ++reads > 3 ? 'changed' : 'same' }), { pollMs: 5, heartbeatMs: 20 });
		const events = eventsOf(body);
		expect(await events.next()).toBe('retry: 2000');
		expect(await events.next()).toBe('event: snapshot\ndata: {"reads":"same"}');
		// Reads 2 and 3 give the same value: the next event is a heartbeat or the change, never a repeat.
		const seen: string[] = [];
		for (let event = await events.next(); event !== null; event = await events.next()) {
			seen.push(event);
			if (event.includes('changed')) break;
		}
		expect(seen.filter((e) => e.startsWith('event:'))).toEqual(['event: snapshot\ndata: {"reads":"changed"}']);
		expect(seen.every((e) => e.startsWith('event:') || e === ': heartbeat')).toBe(true);

		await events.reader.cancel();
		const after = reads;
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(reads).toBe(after);
	});

	it('keeps polling through a failing read and sends once it recovers', async () => {
		let reads = 0;
		const body = statusStream(
			async () => {
				reads++;
				if (reads === 2 || reads === 3) throw new Error('database away');
				return { reads: reads < 2 ? 'before' : 'after' };
			},
			{ pollMs: 5 }
		);
		const events = eventsOf(body);
		await events.next();
		expect(await events.next()).toBe('event: snapshot\ndata: {"reads":"before"}');
		expect(await events.next()).toBe('event: snapshot\ndata: {"reads":"after"}');
		await events.reader.cancel();
	});
});
