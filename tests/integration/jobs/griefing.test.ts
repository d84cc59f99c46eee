/**
 * Issue 11, finding 2: one account that loops claim -> fail must not end every observer's jobs
 * `failed`. Through the real /api/jobs handlers on a real MariaDB, volunteers told apart by the
 * address their requests come from (an IPv4 /24 is one network). Jobs here have no frames.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobFailures, stackingJobs, volunteerStanding } from '$lib/server/db/schema';
import { CLAIM_LIMIT, claimJob, FAIL_LIMIT, MAX_ATTEMPTS, MAX_UNCONFIRMED_NETWORKS, releaseExpiredLeases, SERVED_LAST_AFTER_MS } from '$lib/server/jobs';
import { createApiToken } from '$lib/server/auth';
import { recordNetwork, servedLast, standingOf } from '$lib/server/trust';
import { POST as claim } from '../../../src/routes/api/jobs/claim/+server';
import { POST as fail } from '../../../src/routes/api/jobs/[id]/fail/+server';
import { createTestUploadSession, createTestUser, resetTables, testDb, withDb } from '../../helpers/db';
import { BASE, call, claimAs, jobRow, jsonPost, makeDue, runner, sessionUser, type Ticket, type Who } from './helpers';

withDb();
beforeEach(resetTables);

/** An observer with `n` finalized jobs of no frames; their ids, oldest first. */
async function observer(n: number, createdAt = new Date()): Promise<{ ownerId: number; ids: number[] }> {
	const owner = await createTestUser();
	const session = await createTestUploadSession(owner.id);
	const rows = Array.from({ length: n }, (_, i) => ({ userId: owner.id, uploadSessionId: session.id, chunkKey: `k${i}`, createdAt }));
	await testDb().insert(stackingJobs).values(rows);
	const ids = (await testDb().select({ id: stackingJobs.id }).from(stackingJobs).where(eq(stackingJobs.userId, owner.id))).map((r) => r.id);
	return { ownerId: owner.id, ids };
}

/** An untrusted runner (Bearer token) calling from `address`. */
async function volunteerAt(address: string): Promise<Who & { userId: number }> {
	const user = await sessionUser();
	const created = await createApiToken(user.id, 'runner');
	if (!created.ok) throw new Error(created.message);
	return { user: null, bearer: created.token, address, userId: user.id };
}

async function failAs(who: Who, ticket: Ticket, error = 'no stars found'): Promise<Response> {
	return call(fail, who, jsonPost(`${BASE}/${ticket.id}/fail`, { error }, ticket.leaseToken), { id: String(ticket.id) });
}

async function claimResponse(who: Who): Promise<Response> {
	return call(claim, who, jsonPost(`${BASE}/claim`, { workerId: 'w' }));
}

describe('one account that fails everything', () => {
	it('leaves every observer’s jobs queued with no attempt used, is not offered a job twice, and loses standing', async () => {
		const observers = [await observer(2), await observer(2), await observer(2)];
		const ids = observers.flatMap((o) => o.ids);
		const griefer = await volunteerAt('198.51.100.7');
		const failed: number[] = [];
		const loop = async () => {
			for (let ticket = await claimAs(griefer); ticket; ticket = await claimAs(griefer)) {
				const response = await failAs(griefer, ticket);
				expect(response.status).toBe(200);
				expect(await response.json()).toEqual({ status: 'pending' });
				failed.push(ticket.id);
			}
		};
		await loop();
		// Four fails and no result outweigh a clean record: served last, fresh jobs go to others.
		expect(failed).toHaveLength(4);
		await testDb().update(stackingJobs).set({ createdAt: new Date(Date.now() - SERVED_LAST_AFTER_MS - 5000) });
		await loop();
		expect([...failed].sort()).toEqual([...ids].sort()); // each job once, then never again
		for (const id of ids) expect(await jobRow(id)).toMatchObject({ status: 'pending', retryCount: 0, errorMessage: null, leaseTokenHash: null });
		const standing = await standingOf(testDb(), griefer.userId);
		expect(standing.failed).toBe(ids.length);
		expect(servedLast(standing)).toBe(true);
		// Another volunteer still gets them, first attempt.
		expect(await claimAs(await volunteerAt('203.0.113.9'))).toMatchObject({ id: ids[0], attempt: 1 });
	});

	it('a second account on the griefer’s network does not confirm its fail; an independent volunteer does', async () => {
		const { ids: [id] } = await observer(1);
		const griefer = await volunteerAt('198.51.100.7');
		const twin = await volunteerAt('198.51.100.200');
		// Seen on the griefer's network once, now calling from elsewhere: still the griefer's twin.
		const traveller = await volunteerAt('192.0.2.50');
		await recordNetwork(testDb(), traveller.userId, '198.51.100.0/24');
		for (const who of [griefer, twin, traveller]) {
			const ticket = (await claimAs(who))!;
			expect(await (await failAs(who, ticket, `fail of ${who.address}`)).json()).toEqual({ status: 'pending' });
			expect(await jobRow(id)).toMatchObject({ status: 'pending', retryCount: 0 });
		}
		const independentOne = await volunteerAt('203.0.113.9');
		const ticket = (await claimAs(independentOne))!;
		expect(await (await failAs(independentOne, ticket, 'kernel out of memory')).json()).toEqual({ status: 'retry' });
		expect(await jobRow(id)).toMatchObject({ status: 'retry', retryCount: 1, errorMessage: 'kernel out of memory' });
		expect(await testDb().select().from(jobFailures).where(eq(jobFailures.stackingJobId, id))).toHaveLength(4);
	});

	it('a trusted runner’s fail and the owner’s own count at once', async () => {
		const { ids: [id], ownerId } = await observer(1);
		const trusted = { ...(await runner(true)), address: '198.51.100.7' };
		expect(await (await failAs(trusted, (await claimAs(trusted))!, 'bad frames')).json()).toEqual({ status: 'retry' });
		expect(await jobRow(id)).toMatchObject({ retryCount: 1, errorMessage: 'bad frames' });
		await makeDue(id);
		const owner = { user: { ...(await sessionUser()), id: ownerId }, address: '198.51.100.8' };
		expect(await (await failAs(owner, (await claimAs(owner))!, 'my own browser gave up')).json()).toEqual({ status: 'retry' });
		expect(await jobRow(id)).toMatchObject({ retryCount: 2, errorMessage: 'my own browser gave up' });
	});

	it(`parks a job after untrusted fails from ${MAX_UNCONFIRMED_NETWORKS} networks: only trusted runners and the owner get it`, async () => {
		const { ids: [id], ownerId } = await observer(1);
		// One person's accounts on many networks, all seen at home once: none confirms another.
		for (let i = 0; i < MAX_UNCONFIRMED_NETWORKS; i++) {
			const account = await volunteerAt(`10.0.${i}.1`);
			await recordNetwork(testDb(), account.userId, '198.51.100.0/24');
			await failAs(account, (await claimAs(account))!);
		}
		expect(await jobRow(id)).toMatchObject({ status: 'pending', retryCount: 0 });
		expect(await claimAs(await volunteerAt('203.0.113.9'))).toBeNull();
		const owner = { user: { ...(await sessionUser()), id: ownerId }, address: '192.0.2.1' };
		expect(await claimAs(owner)).toMatchObject({ id });
	});
});

describe('rate limits per volunteer', () => {
	it(`the fail after ${FAIL_LIMIT.maxFailures} in an hour is 429 with Retry-After and changes nothing; a trusted runner is not limited`, async () => {
		// Jobs that have waited, so being served last changes nothing here.
		const { ids } = await observer(FAIL_LIMIT.maxFailures + 2, new Date(Date.now() - SERVED_LAST_AFTER_MS - 5000));
		const griefer = await volunteerAt('198.51.100.7');
		for (let i = 0; i < FAIL_LIMIT.maxFailures; i++) expect((await failAs(griefer, (await claimAs(griefer))!)).status).toBe(200);
		const ticket = (await claimAs(griefer))!;
		const refused = await failAs(griefer, ticket);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
		expect((await refused.json()).message).toMatch(/too many failed jobs/);
		expect(await jobRow(ticket.id)).toMatchObject({ status: 'processing', retryCount: 0 });

		const trusted = { ...(await runner(true)), address: '203.0.113.9' };
		for (let i = 0; i < FAIL_LIMIT.maxFailures + 1; i++) {
			const t = (await claimAs(trusted))!;
			expect((await failAs(trusted, t)).status).toBe(200);
			await makeDue(t.id);
		}
		expect(ids.length).toBe(FAIL_LIMIT.maxFailures + 2);
	});

	it(`the claim after ${CLAIM_LIMIT.maxFailures} in a minute is 429 with Retry-After`, async () => {
		const volunteer = await volunteerAt('198.51.100.7');
		for (let i = 0; i < CLAIM_LIMIT.maxFailures; i++) expect((await claimResponse(volunteer)).status).toBe(204);
		const refused = await claimResponse(volunteer);
		expect(refused.status).toBe(429);
		const wait = Number(refused.headers.get('retry-after'));
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(60);
		expect((await refused.json()).message).toMatch(/too many claims/);
		// Another volunteer is not affected.
		expect((await claimResponse(await volunteerAt('203.0.113.9'))).status).toBe(204);
	});
});

describe('a volunteer who keeps failing is served last', () => {
	async function poorStanding(address: string) {
		const who = await volunteerAt(address);
		await testDb().insert(volunteerStanding).values({ userId: who.userId, failed: 10 });
		return who;
	}

	it('gets only jobs that have waited, and the oldest of those, while others get any', async () => {
		const now = Date.now();
		const { ids: [fresh] } = await observer(1);
		const last = await poorStanding('198.51.100.7');
		// A fresh job is not offered to them, in a batch (live claim) or alone (claim at a time).
		expect(await claimAs(last)).toBeNull();
		expect(await claimJob({ userId: last.userId, tokenId: null, tokenTrusted: false, network: '198.51.100.0/24' }, 'w', { now: new Date(now) })).toBeNull();

		const { ids: [old] } = await observer(1, new Date(now - SERVED_LAST_AFTER_MS - 5000));
		expect(await claimAs(last)).toMatchObject({ id: old });
		expect(await claimAs(await volunteerAt('203.0.113.9'))).toMatchObject({ id: fresh });
	});

	it('alone (a claim at a given time) gets a job once it has waited', async () => {
		const { ids: [id] } = await observer(1, new Date(Date.now() - SERVED_LAST_AFTER_MS - 5000));
		const last = await poorStanding('198.51.100.7');
		const caller = { userId: last.userId, tokenId: null, tokenTrusted: false, network: '198.51.100.0/24' };
		expect(await claimJob(caller, 'w', { now: new Date() })).toMatchObject({ id });
	});
});

describe('a volunteer who claims and walks away', () => {
	const expire = (id: number) => testDb().update(stackingJobs).set({ leaseExpiresAt: new Date(Date.now() - 5000) }).where(eq(stackingJobs.id, id));

	it('uses up no attempt with its expired leases, is not offered the job again; a trusted runner’s expiry counts', async () => {
		const { ids: [id] } = await observer(1);
		for (let i = 0; i < MAX_ATTEMPTS; i++) {
			const account = await volunteerAt(`198.51.100.${i + 1}`);
			expect(await claimAs(account)).toMatchObject({ id, attempt: 1 });
			await expire(id);
			expect(await releaseExpiredLeases()).toEqual([id]);
			expect(await jobRow(id)).toMatchObject({ status: 'pending', retryCount: 0, leaseTokenHash: null });
			expect(await claimAs(account)).toBeNull();
		}
		const failures = await testDb().select().from(jobFailures).where(eq(jobFailures.stackingJobId, id));
		expect(failures.map((f) => f.message)).toEqual(Array(MAX_ATTEMPTS).fill('lease expired (worker test-worker stopped heartbeating)'));

		const trusted = { ...(await runner(true)), address: '203.0.113.5' };
		expect(await claimAs(trusted)).toMatchObject({ id });
		await expire(id);
		await releaseExpiredLeases();
		expect(await jobRow(id)).toMatchObject({ status: 'retry', retryCount: 1 });
	});
});
