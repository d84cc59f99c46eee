/**
 * statusSnapshot on a real database: the user's sessions newest first with their frame counts
 * and jobs, each job's worker, attempts, error and progress as the queue leaves them, the stack id
 * of a completed one; another user's sessions never appear.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobResults, rawFiles, stackedFrames, stackingJobs, uploadSessions } from '$lib/server/db/schema';
import { statusSnapshot } from '$lib/server/status';
import { POST as heartbeat } from '../../../src/routes/api/jobs/[id]/heartbeat/+server';
import { createTestStackingJob, createTestUploadSession, resetTables, testDb, withDb } from '../../helpers/db';
import { BASE, call, claimAs, jsonPost, observerJob, runner, sessionUser } from '../jobs/helpers';
import { withLocalRawStorage } from '../uploads/fixtures';

withDb();
withLocalRawStorage();
beforeEach(resetTables);

describe('statusSnapshot', () => {
	it('lists an observer\'s uploaded, finalized session with its six frames and its pending job', async () => {
		const { owner, jobId } = await observerJob();
		const snapshot = await statusSnapshot(owner.id);
		expect(snapshot.maxAttempts).toBe(3);
		expect(snapshot.more).toBe(false);
		expect(snapshot.sessions).toHaveLength(1);
		const [session] = snapshot.sessions;
		const [row] = await testDb().select().from(uploadSessions).where(eq(uploadSessions.userId, owner.id));
		expect(session).toMatchObject({ token: row.sessionToken, status: 'complete', frames: 6, framesStored: 6 });
		expect(new Date(session.createdAt).getTime()).toBe(row.createdAt.getTime());
		expect(session.completedAt).not.toBeNull();
		const [job] = await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, jobId));
		expect(session.jobs).toEqual([
			{
				id: jobId,
				chunkKey: job.chunkKey,
				object: 'M 94',
				telescope: job.telescope || null,
				frames: 6,
				status: 'pending',
				workerId: null,
				attempts: 0,
				lastError: null,
				progress: null,
				startedAt: null,
				completedAt: null,
				stackId: null,
				awaitingConfirmation: false
			}
		]);
		// What the database holds, not what the snapshot code computed: 6 live raw rows.
		const raws = await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, row.id));
		expect(raws.filter((r) => r.isDeleted === 0)).toHaveLength(6);
	});

	it('shows the worker holding a job and the progress it last reported', async () => {
		const { owner, jobId } = await observerJob();
		const worker = await runner(true);
		const ticket = (await claimAs(worker, 'runner-7f3a'))!;
		expect(ticket.id).toBe(jobId);
		const beat = await call(
			heartbeat,
			worker,
			jsonPost(`${BASE}/${jobId}/heartbeat`, { stage: 'align', done: 4, total: 6 }, ticket.leaseToken),
			{ id: String(jobId) }
		);
		expect(beat.status).toBe(200);

		const [job] = (await statusSnapshot(owner.id)).sessions[0].jobs;
		expect(job).toMatchObject({ status: 'processing', workerId: 'runner-7f3a', progress: { stage: 'align', done: 4, total: 6 } });
		expect(job.startedAt).not.toBeNull();
	});

	it('orders sessions newest first and shows attempts, the last error and the stack id', async () => {
		const owner = await sessionUser();
		const older = await createTestUploadSession(owner.id, { createdAt: new Date('2025-03-27T01:00:00Z'), status: 'complete' });
		const newer = await createTestUploadSession(owner.id, { createdAt: new Date('2025-03-28T01:00:00Z') });
		const failed = await createTestStackingJob(owner.id, older.id, {
			chunkKey: '20250327.05_192.7_s41.1',
			status: 'failed',
			retryCount: 3,
			workerId: 'tab-1',
			errorMessage: 'no stars found in 5 of 6 frames'
		});
		const done = await createTestStackingJob(owner.id, older.id, { chunkKey: '20250327.06_192.7_s41.1', status: 'completed' });
		const [{ id: stackId }] = await testDb()
			.insert(stackedFrames)
			.values({ stackingJobId: done.id, userId: owner.id, chunkKey: done.chunkKey, storagePath: 'x.fits' })
			.$returningId();

		const { sessions } = await statusSnapshot(owner.id);
		expect(sessions.map((s) => s.token)).toEqual([newer.sessionToken, older.sessionToken]);
		expect(sessions[0].jobs).toEqual([]);
		expect(sessions[1].jobs.map((j) => [j.id, j.status, j.attempts, j.lastError, j.workerId, j.stackId])).toEqual([
			[failed.id, 'failed', 3, 'no stars found in 5 of 6 frames', 'tab-1', null],
			[done.id, 'completed', 0, null, null, stackId]
		]);
	});

	it('says when a volunteer\'s result waits for a second one, and when a stacked job\'s stack was deleted', async () => {
		const owner = await sessionUser();
		const session = await createTestUploadSession(owner.id, { status: 'complete' });
		const waiting = await createTestStackingJob(owner.id, session.id, { chunkKey: '20250327.05_192.7_s41.1' });
		const done = await createTestStackingJob(owner.id, session.id, { chunkKey: '20250327.06_192.7_s41.1', status: 'completed' });
		const volunteer = await sessionUser();
		const result = { workerId: 'tab-9', userId: volunteer.id, stackSha256: 'a'.repeat(64), frames: 6 };
		// A result without a kept stack (a rejected one) is not a candidate.
		await testDb().insert(jobResults).values({ ...result, stackingJobId: waiting.id });
		expect((await statusSnapshot(owner.id)).sessions[0].jobs[0].awaitingConfirmation).toBe(false);
		await testDb().insert(jobResults).values({ ...result, stackingJobId: waiting.id, storagePath: 'candidates/x.fits' });

		const jobs = (await statusSnapshot(owner.id)).sessions[0].jobs;
		expect(jobs.map((j) => [j.id, j.status, j.awaitingConfirmation, j.stackId])).toEqual([
			[waiting.id, 'pending', true, null],
			[done.id, 'completed', false, null]
		]);
	});

	it('never shows another user\'s sessions or jobs', async () => {
		const { owner } = await observerJob();
		const other = await sessionUser();
		await createTestUploadSession(other.id);
		const mine = await statusSnapshot(owner.id);
		const theirs = await statusSnapshot(other.id);
		expect(mine.sessions).toHaveLength(1);
		expect(theirs.sessions).toHaveLength(1);
		expect(theirs.sessions[0].jobs).toEqual([]);
		expect(theirs.sessions[0].token).not.toBe(mine.sessions[0].token);
		expect((await statusSnapshot(other.id + 1000)).sessions).toEqual([]);
	});
});
