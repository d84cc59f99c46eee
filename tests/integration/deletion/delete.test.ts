/**
 * Owners delete a job or a whole upload session, through the library and the HTTP verbs: a real
 * M 94 stack taken in by intake (FITS, PNG, report), the raws, the rows and the storage use go;
 * another user's job or session is a 404 and nothing is removed.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobResults, rawFiles, stackedFrames, stackingJobs, uploadSessions, users } from '$lib/server/db/schema';
import { deleteJob, deleteUploadSession } from '$lib/server/deletion';
import type { Tier } from '$lib/server/db/schema';
import type { StackReport } from '$lib/stacking';
import { POST as complete } from '../../../src/routes/api/jobs/[id]/complete/+server';
import { POST as heartbeat } from '../../../src/routes/api/jobs/[id]/heartbeat/+server';
import { DELETE as deleteJobRoute } from '../../../src/routes/api/jobs/[id]/owner/+server';
import { DELETE as deleteSessionRoute } from '../../../src/routes/api/uploads/[token]/+server';
import { resetTables, testDb, withDb } from '../../helpers/db';
import { BASE, call, claimAs, giveBackAs, jsonPost, observerJob, runner, sessionUser, stackTicket, submission, type Who } from '../jobs/helpers';
import { filesUnder, withLocalRawStorage, withLocalStackStorage } from '../uploads/fixtures';

withDb();
const rawDir = withLocalRawStorage();
const stackDir = withLocalStackStorage();
let stack: { fits: Uint8Array; report: StackReport };

beforeAll(async () => {
	// One real stack of the M 94 frames; every test's job has the same frames, so it fits each.
	const { owner } = await observerJob('raw');
	const who = { user: owner };
	const ticket = (await claimAs(who))!;
	stack = await stackTicket(who, ticket);
	await giveBackAs(who, ticket);
}, 300_000);
/** Tables restart their ids: the files of earlier rows would collide with new ones' paths. */
beforeEach(async () => {
	await resetTables();
	for (const dir of [rawDir(), stackDir()]) {
		for (const entry of await readdir(dir)) await rm(join(dir, entry), { recursive: true, force: true });
	}
});

/** An observer's finalized M 94 upload whose job a trusted runner completed through intake. */
async function stackedJob(tier: Tier = 'raw') {
	const { owner, jobId } = await observerJob(tier);
	const worker = await runner(true);
	const ticket = (await claimAs(worker))!;
	expect(ticket.id).toBe(jobId);
	const done = await call(complete, worker, submission(stack.fits, stack.report, 1000, ticket.leaseToken)(`${BASE}/${jobId}/complete`), {
		id: String(jobId)
	});
	expect(done.status, await done.clone().text()).toBe(200);
	const [job] = await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, jobId));
	const [session] = await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, job.uploadSessionId));
	const [row] = await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, jobId));
	return { owner, jobId, token: session.sessionToken, sessionId: session.id, stack: row };
}

const storageUsed = async (userId: number) =>
	Number((await testDb().select({ mb: users.storageUsedMb }).from(users).where(eq(users.id, userId)))[0].mb);

const rowsOf = async (sessionId: number, jobId: number) => ({
	sessions: (await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, sessionId))).length,
	jobs: (await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, jobId))).length,
	stacks: (await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, jobId))).length,
	results: (await testDb().select().from(jobResults).where(eq(jobResults.stackingJobId, jobId))).length,
	raws: (await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, sessionId))).length
});

const storedPaths = (row: typeof stackedFrames.$inferSelect) => [row.storagePath, row.thumbnailPath, row.reportPath].filter((p): p is string => !!p);

const sessionUserOf = (owner: Who['user']): Who => ({ user: owner });
const del = (url: string) => new Request(url, { method: 'DELETE' });

describe('deleteJob', () => {
	it('removes the stack files, the raws, the rows, and takes the stack off the storage use', async () => {
		const { owner, jobId, sessionId, stack: row } = await stackedJob('raw');
		const charged = await storageUsed(owner.id);
		expect(charged).toBeGreaterThan(0);
		const stacked = await filesUnder(stackDir());
		for (const path of storedPaths(row)) expect(stacked).toContain(path);
		expect(await filesUnder(rawDir())).toHaveLength(6);

		const deleted = await deleteJob(owner.id, jobId);
		expect(deleted).toMatchObject({ jobs: 1, stacks: 1, rawFiles: 6 });
		expect(deleted!.freedMb).toBeCloseTo(charged, 2);

		expect(await filesUnder(stackDir())).toEqual([]);
		expect(await filesUnder(rawDir())).toEqual([]);
		expect(await rowsOf(sessionId, jobId)).toEqual({ sessions: 1, jobs: 0, stacks: 0, results: 0, raws: 0 });
		expect(await storageUsed(owner.id)).toBe(0);
	});

	it('never takes the storage use below 0', async () => {
		const { owner, jobId } = await stackedJob('free');
		await testDb().update(users).set({ storageUsedMb: '0.01' }).where(eq(users.id, owner.id));
		await deleteJob(owner.id, jobId);
		expect(await storageUsed(owner.id)).toBe(0);
	});

	it('deletes a job while a worker holds it: the worker\'s next heartbeat is refused', async () => {
		const { owner, jobId } = await observerJob('free');
		const worker = await runner(true);
		const ticket = (await claimAs(worker))!;
		expect(await deleteJob(owner.id, jobId)).toMatchObject({ jobs: 1, stacks: 0, rawFiles: 6 });
		const beat = await call(heartbeat, worker, jsonPost(`${BASE}/${jobId}/heartbeat`, {}, ticket.leaseToken), { id: String(jobId) });
		expect([404, 409]).toContain(beat.status);
	});

	it('another user\'s job: null, 404 over HTTP, and nothing removed', async () => {
		const { owner, jobId, sessionId } = await stackedJob('raw');
		const other = await sessionUser();
		const before = { rows: await rowsOf(sessionId, jobId), stacks: await filesUnder(stackDir()), raws: await filesUnder(rawDir()), mb: await storageUsed(owner.id) };

		expect(await deleteJob(other.id, jobId)).toBeNull();
		const response = await call(deleteJobRoute, sessionUserOf(other), del(`http://localhost/api/jobs/${jobId}/owner`), { id: String(jobId) });
		expect(response.status).toBe(404);
		expect((await response.json()).message).toMatch(/not found/);

		expect({ rows: await rowsOf(sessionId, jobId), stacks: await filesUnder(stackDir()), raws: await filesUnder(rawDir()), mb: await storageUsed(owner.id) }).toEqual(before);
	});

	it('over HTTP: 401 without a login, 404 for a malformed id, 200 with what was deleted for the owner', async () => {
		const { owner, jobId } = await stackedJob('free');
		const url = `http://localhost/api/jobs/${jobId}/owner`;
		expect((await call(deleteJobRoute, { user: null }, del(url), { id: String(jobId) })).status).toBe(401);
		expect((await call(deleteJobRoute, sessionUserOf(owner), del(url), { id: 'x1' })).status).toBe(404);
		const ok = await call(deleteJobRoute, sessionUserOf(owner), del(url), { id: String(jobId) });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ jobs: 1, stacks: 1, rawFiles: 6 });
		expect((await call(deleteJobRoute, sessionUserOf(owner), del(url), { id: String(jobId) })).status).toBe(404);
	});
});

describe('deleteUploadSession', () => {
	it('removes every stack, raw file and row of the session and corrects the storage use', async () => {
		const { owner, jobId, token, sessionId } = await stackedJob('raw');
		expect(await storageUsed(owner.id)).toBeGreaterThan(0);
		const response = await call(deleteSessionRoute, sessionUserOf(owner), del(`http://localhost/api/uploads/${token}`), { token });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ jobs: 1, stacks: 1, rawFiles: 6 });

		expect(await rowsOf(sessionId, jobId)).toEqual({ sessions: 0, jobs: 0, stacks: 0, results: 0, raws: 0 });
		expect(await filesUnder(stackDir())).toEqual([]);
		// The session's folder went with its files.
		expect(await readdir(join(rawDir(), `user_${owner.id}`))).not.toContain(`session_${sessionId}`);
		expect(await filesUnder(rawDir())).toEqual([]);
		expect(await storageUsed(owner.id)).toBe(0);
	});

	it('another user\'s session: null, 404 over HTTP, and nothing removed', async () => {
		const { owner, jobId, token, sessionId } = await stackedJob('raw');
		const other = await sessionUser();
		const before = { rows: await rowsOf(sessionId, jobId), stacks: await filesUnder(stackDir()), raws: await filesUnder(rawDir()), mb: await storageUsed(owner.id) };

		expect(await deleteUploadSession(other.id, token)).toBeNull();
		expect(await deleteUploadSession(other.id, '../etc')).toBeNull();
		const response = await call(deleteSessionRoute, sessionUserOf(other), del(`http://localhost/api/uploads/${token}`), { token });
		expect(response.status).toBe(404);
		expect((await call(deleteSessionRoute, { user: null }, del(`http://localhost/api/uploads/${token}`), { token })).status).toBe(401);

		expect({ rows: await rowsOf(sessionId, jobId), stacks: await filesUnder(stackDir()), raws: await filesUnder(rawDir()), mb: await storageUsed(owner.id) }).toEqual(before);
	});
});
