/**
 * The queue verbs on a real MariaDB: concurrent claims with SKIP LOCKED, leases that run out,
 * bounded retries with backoff, giving a job back. Jobs here have no frames (the ticket's file
 * list is empty); frames and intake are in intake.test.ts.
 */
import { eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '$lib/server/db';
import { jobResults, rawFiles, stackingJobs } from '$lib/server/db/schema';
import {
	backoffMs,
	claimJob,
	failJob,
	MAX_ATTEMPTS,
	releaseExpiredLeases,
	renewLease,
	returnJob
} from '$lib/server/jobs';
import type { Caller } from '$lib/server/http';
import { hashToken } from '$lib/server/auth/token';
import { createTestStackingJob, createTestUploadSession, createTestUser, resetTables, testDatabaseUrl, testDb, withDb } from '../../helpers/db';
import { POST as heartbeat } from '../../../src/routes/api/jobs/[id]/heartbeat/+server';
import { BASE, call, jsonPost, sessionUser } from './helpers';

withDb();
beforeEach(resetTables);

async function volunteer(): Promise<Caller> {
	return { userId: (await createTestUser()).id, tokenId: null, tokenTrusted: false, network: '192.0.2.0/24' };
}

/** A runner with a trusted token: its expired leases and fails count attempts (griefing.test.ts has the untrusted rules). */
async function trustedRunner(): Promise<Caller> {
	return { ...(await volunteer()), tokenTrusted: true };
}

async function makeJobs(n: number, overrides: Partial<typeof stackingJobs.$inferInsert> = {}): Promise<number[]> {
	const owner = await createTestUser();
	const session = await createTestUploadSession(owner.id);
	const rows = Array.from({ length: n }, (_, i) => ({ userId: owner.id, uploadSessionId: session.id, chunkKey: `k${i}`, ...overrides }));
	await testDb().insert(stackingJobs).values(rows);
	return (await testDb().select({ id: stackingJobs.id }).from(stackingJobs)).map((r) => r.id);
}

const job = async (id: number) => (await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, id)))[0];
const expireLease = (id: number) =>
	testDb().update(stackingJobs).set({ leaseExpiresAt: new Date(Date.now() - 5000) }).where(eq(stackingJobs.id, id));

describe('claimJob', () => {
	it('20 claimers on their own connection pools take 200 jobs, none twice', async () => {
		const ids = await makeJobs(200);
		const callers = await Promise.all(Array.from({ length: 20 }, volunteer));
		const pools = callers.map(() => createDb(testDatabaseUrl()));
		try {
			const claimed = await Promise.all(
				callers.map(async (caller, w) => {
					const mine: { id: number; token: string }[] = [];
					for (;;) {
						const ticket = await claimJob(caller, `runner-${w}`, { db: pools[w].db });
						if (!ticket) return mine;
						mine.push({ id: ticket.id, token: ticket.leaseToken });
					}
				})
			);
			const all = claimed.flat();
			expect(all).toHaveLength(200);
			expect(new Set(all.map((c) => c.id)).size).toBe(200);
			expect(claimed.filter((mine) => mine.length > 0).length).toBeGreaterThan(1);
			const rows = await testDb().select().from(stackingJobs).where(inArray(stackingJobs.id, ids));
			const byId = new Map(all.map((c) => [c.id, c.token]));
			for (const row of rows) {
				expect(row.status).toBe('processing');
				expect(row.leaseTokenHash).toBe(hashToken(byId.get(row.id)!));
				expect(row.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now());
			}
		} finally {
			await Promise.all(pools.map((p) => p.pool.end()));
		}
	});

	it('40 concurrent claims on one pool share transactions: each job once, none to a volunteer who returned a result for it', async () => {
		const ids = await makeJobs(30);
		const callers = await Promise.all(Array.from({ length: 40 }, volunteer));
		// The first 10 volunteers already returned a stack for each of the first 5 jobs.
		const rows = callers.slice(0, 10).flatMap((c) => ids.slice(0, 5).map((jobId) => ({ stackingJobId: jobId, workerId: 'earlier', userId: c.userId, stackSha256: '0'.repeat(64) })));
		await testDb().insert(jobResults).values(rows);

		const tickets = await Promise.all(callers.map((caller, w) => claimJob(caller, `runner-${w}`)));

		const claimed = tickets.flatMap((t, w) => (t ? [{ id: t.id, w }] : []));
		expect(claimed).toHaveLength(30);
		expect(new Set(claimed.map((c) => c.id)).size).toBe(30);
		for (const { id, w } of claimed) expect(w < 10 && ids.slice(0, 5).includes(id)).toBe(false);
		const held = await testDb().select().from(stackingJobs).where(inArray(stackingJobs.id, ids));
		for (const row of held) {
			const ticket = tickets.find((t) => t?.id === row.id)!;
			expect(row.status).toBe('processing');
			expect(row.leaseTokenHash).toBe(hashToken(ticket.leaseToken));
		}
	});

	it('takes pending before retry, skips jobs not yet due or out of attempts, and leases with a token', async () => {
		const [retry] = await makeJobs(1, { status: 'retry', retryCount: 1 });
		const owner = await createTestUser();
		const session = await createTestUploadSession(owner.id);
		const later = await createTestStackingJob(owner.id, session.id, { status: 'retry', runAt: new Date(Date.now() + 60_000) });
		const spent = await createTestStackingJob(owner.id, session.id, { status: 'retry', retryCount: MAX_ATTEMPTS });
		const pending = await createTestStackingJob(owner.id, session.id);
		const caller = await volunteer();

		const first = await claimJob(caller, 'w1');
		expect(first).toMatchObject({ id: pending.id, leaseSeconds: 120, attempt: 1, maxAttempts: MAX_ATTEMPTS, files: [] });
		expect(first!.leaseToken).toMatch(/^[a-z2-7]{52}$/);
		expect(await job(pending.id)).toMatchObject({ status: 'processing', workerId: 'w1', claimedByUserId: caller.userId });
		expect(await claimJob(caller, 'w1')).toMatchObject({ id: retry, attempt: 2, maxAttempts: MAX_ATTEMPTS });
		expect(await claimJob(caller, 'w1')).toBeNull();
		expect((await job(later.id)).status).toBe('retry');
		expect((await job(spent.id)).status).toBe('retry');
	});

	it('hands out only the kinds of work the worker runs, and the ticket says which', async () => {
		const [stack] = await makeJobs(1);
		const caller = await volunteer();
		expect(await claimJob(caller, 'w', { tasks: ['solve'] })).toBeNull();
		expect(await claimJob(caller, 'w', { tasks: ['solve', 'stack'] })).toMatchObject({ id: stack, task: 'stack' });
	});

	it('refuses a bad worker id', async () => {
		await expect(claimJob(await volunteer(), 'no spaces')).rejects.toMatchObject({ status: 400 });
	});
});

describe('leases', () => {
	it('a heartbeat renews the lease and records progress; a wrong token is 409, another user 404', async () => {
		await makeJobs(1);
		const caller = await volunteer();
		const ticket = (await claimJob(caller, 'w'))!;
		const before = (await job(ticket.id)).leaseExpiresAt!;
		const now = new Date(Date.now() + 30_000);
		const { leaseExpiresAt } = await renewLease(caller, ticket.id, ticket.leaseToken, { stage: 'align', done: 3, total: 6 }, now);
		expect(leaseExpiresAt.getTime()).toBe(now.getTime() + 120_000);
		const row = await job(ticket.id);
		expect(row.leaseExpiresAt!.getTime()).toBeGreaterThan(before.getTime());
		expect(row).toMatchObject({ progressStage: 'align', progressDone: 3, progressTotal: 6 });

		await expect(renewLease(caller, ticket.id, 'wrong')).rejects.toMatchObject({ status: 409 });
		await expect(renewLease(caller, ticket.id, null)).rejects.toMatchObject({ status: 409 });
		await expect(renewLease(await volunteer(), ticket.id, ticket.leaseToken)).rejects.toMatchObject({ status: 404 });
		await expect(renewLease(caller, 999_999, ticket.leaseToken)).rejects.toMatchObject({ status: 404 });
	});

	it('a heartbeat with a count the INT UNSIGNED columns cannot hold is a 400 naming it; the next one renews', async () => {
		await makeJobs(1);
		const user = await sessionUser();
		const ticket = (await claimJob({ userId: user.id, tokenId: null, tokenTrusted: false, network: '192.0.2.0/24' }, 'w'))!;
		const beat = (body: unknown) =>
			call(heartbeat, { user }, jsonPost(`${BASE}/${ticket.id}/heartbeat`, body, ticket.leaseToken), { id: String(ticket.id) });
		for (const body of [{ done: 2 ** 32 }, { total: 2 ** 32 }, { done: 1, total: 2 ** 40 }]) {
			const refused = await beat(body);
			expect(refused.status).toBe(400);
			expect((await refused.json()).message).toMatch(/^(done|total) \d+ must be a whole number from 0 to 4294967295/);
		}
		const ok = await beat({ stage: 'combine', done: 2 ** 32 - 1, total: 2 ** 32 - 1 });
		expect(ok.status).toBe(200);
		expect(await job(ticket.id)).toMatchObject({ progressDone: 2 ** 32 - 1, progressTotal: 2 ** 32 - 1 });
	});

	it('a runner killed mid-job loses its lease; another claims and finishes; the dead one changes nothing', async () => {
		const [id] = await makeJobs(1);
		const dead = await trustedRunner();
		const ticket = (await claimJob(dead, 'killed'))!;
		await expireLease(id); // no heartbeat came

		const other = await trustedRunner();
		const next = (await claimJob(other, 'alive'))!;
		expect(next).toMatchObject({ id, attempt: 2 }); // the expired lease counted as the first attempt
		const row = await job(id);
		expect(row).toMatchObject({ status: 'processing', workerId: 'alive', retryCount: 1, errorMessage: 'lease expired (worker killed stopped heartbeating)' });

		await expect(renewLease(dead, id, ticket.leaseToken)).rejects.toMatchObject({ status: 404 });
		await expect(failJob(dead, id, ticket.leaseToken, 'late')).rejects.toMatchObject({ status: 404 });
		expect(await failJob(other, id, next.leaseToken, 'kernel out of memory')).toEqual({ status: 'retry' });
		expect((await job(id)).workerId).toBe('alive');
	});

	it('the same volunteer with a stale lease gets 409', async () => {
		const [id] = await makeJobs(1);
		const caller = await trustedRunner();
		const ticket = (await claimJob(caller, 'w'))!;
		await expireLease(id);
		await expect(renewLease(caller, id, ticket.leaseToken)).rejects.toMatchObject({ status: 409 });
		expect(await releaseExpiredLeases()).toEqual([id]);
		expect(await job(id)).toMatchObject({ status: 'retry', leaseTokenHash: null, retryCount: 1 });
		await expect(returnJob(caller, id, ticket.leaseToken)).rejects.toMatchObject({ status: 409 });
	});

	it('an expired lease on the last attempt ends the job failed, not in retry', async () => {
		const [id] = await makeJobs(1, { retryCount: MAX_ATTEMPTS - 1, status: 'retry' });
		await claimJob(await trustedRunner(), 'w9');
		await expireLease(id);
		expect(await releaseExpiredLeases()).toEqual([id]);
		expect(await job(id)).toMatchObject({ status: 'failed', retryCount: MAX_ATTEMPTS, errorMessage: 'lease expired (worker w9 stopped heartbeating)' });
		expect(await claimJob(await trustedRunner(), 'w')).toBeNull();
	});
});

describe('failJob and returnJob', () => {
	it('3 failures of a trusted runner end failed with the last error; each retry waits exp(attempts) s', async () => {
		const [id] = await makeJobs(1);
		const caller = { ...(await volunteer()), tokenTrusted: true };
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			await testDb().update(stackingJobs).set({ runAt: null }).where(eq(stackingJobs.id, id)); // skip the wait
			const ticket = (await claimJob(caller, 'w'))!;
			expect(ticket).toMatchObject({ id, attempt, maxAttempts: MAX_ATTEMPTS });
			const now = new Date();
			const { status } = await failJob(caller, id, ticket.leaseToken, `bad frame ${attempt}`, { now });
			const row = await job(id);
			expect(row.retryCount).toBe(attempt);
			expect(row.errorMessage).toBe(`bad frame ${attempt}`);
			if (attempt < MAX_ATTEMPTS) {
				expect(status).toBe('retry');
				const wait = row.runAt!.getTime() - now.getTime();
				// DATETIME keeps whole seconds: the wait is e^attempt s, give or take one.
				expect(wait).toBeGreaterThan(Math.exp(attempt) * 1000 - 1000);
				expect(wait).toBeLessThanOrEqual(Math.exp(attempt) * 1000 + 1000);
			} else {
				expect(status).toBe('failed');
				expect(row.status).toBe('failed');
				expect(row.leaseTokenHash).toBeNull();
			}
		}
		expect(backoffMs(20)).toBe(Math.round(Math.exp(10) * 1000));
		await testDb().update(stackingJobs).set({ runAt: null }).where(eq(stackingJobs.id, id));
		expect(await claimJob(caller, 'w')).toBeNull();
	});

	it('a failure needs a message; a returned job is claimable at once with no attempt counted', async () => {
		const [id] = await makeJobs(1);
		const caller = await volunteer();
		const ticket = (await claimJob(caller, 'w'))!;
		await expect(failJob(caller, id, ticket.leaseToken, '  ')).rejects.toMatchObject({ status: 400 });
		expect(await returnJob(caller, id, ticket.leaseToken)).toEqual({ status: 'pending' });
		expect(await job(id)).toMatchObject({ status: 'pending', retryCount: 0, leaseTokenHash: null });
		const again = (await claimJob(await volunteer(), 'w2'))!;
		expect(again).toMatchObject({ id, attempt: 1 }); // giving back costs no attempt
	});
});

describe('a job whose frame is missing from storage', () => {
	it('counts a failed attempt at each claim and ends failed at the bound, never handed out forever', async () => {
		const [id] = await makeJobs(1, { frameCount: 1 });
		const j = await job(id);
		await testDb().insert(rawFiles).values({
			uploadSessionId: j.uploadSessionId,
			userId: j.userId,
			sha256: 'd'.repeat(64),
			filename: 'gone.fit',
			storagePath: 'user_0/session_0/never-stored.fit',
			fileSizeBytes: 4_152_960,
			chunkKey: j.chunkKey
		});
		const caller = await volunteer();
		let now = Date.now();
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			// Each claim finds the frame missing, fails the attempt and then finds nothing else to do.
			expect(await claimJob(caller, 'runner-x', { now: new Date(now) })).toBeNull();
			const after = await job(id);
			expect(after.retryCount).toBe(attempt);
			expect(after.errorMessage).toMatch(/missing from storage/);
			expect(after.status).toBe(attempt < MAX_ATTEMPTS ? 'retry' : 'failed');
			now += 3_600_000; // past any backoff
		}
		expect(await claimJob(caller, 'runner-x', { now: new Date(now) })).toBeNull();
		expect((await job(id)).status).toBe('failed');
	});
});
