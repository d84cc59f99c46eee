import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawFiles, stackingJobs, uploadSessions, users } from '$lib/server/db/schema';
import { checkHashes, createUploadSession, finalizeSession, getUploadSession } from '$lib/server/uploads';
import { createTestUser, testDb, withDb } from '../../helpers/db';
import { realFrames, upload, withLocalRawStorage, type RealFrame } from './fixtures';

withDb();
withLocalRawStorage();

let frames: RealFrame[];
beforeAll(async () => {
	frames = await realFrames();
});

async function uploadedSession(userId: number, which: RealFrame[]) {
	const session = await createUploadSession(userId);
	for (const frame of which) await upload(userId, session.token, frame.name, frame.bytes);
	return session;
}

describe('finalizeSession', () => {
	it('makes two NGC 7023 jobs (two nights) and one M 94 job, and files agree with their jobs', async () => {
		const user = await createTestUser();
		const { token, id } = await uploadedSession(user.id, frames);
		const { jobs, created } = await finalizeSession(user.id, token);
		expect(created).toBe(3);
		const byObject = (object: string) => jobs.filter((job) => job.object === object);
		expect(byObject('M 94').map((j) => j.frameCount)).toEqual([6]);
		expect(byObject('NGC 7023').map((j) => j.frameCount).sort()).toEqual([2, 4]);
		const nights = byObject('NGC 7023').map((j) => j.chunkKey.slice(0, 8)).sort();
		// UTC dates (the file names carry the telescope's local time: 20240730-22...).
		expect(nights).toEqual(['20240731', '20250630']);
		expect(jobs.every((j) => j.status === 'pending')).toBe(true);
		// The README: the two NGC 7023 nights were taken by two telescopes.
		expect(new Set(byObject('NGC 7023').map((j) => j.telescope)).size).toBe(2);

		const rows = await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, id));
		for (const job of jobs) {
			const members = rows.filter((r) => r.chunkKey === job.chunkKey && (r.telescope ?? null) === job.telescope);
			expect(members).toHaveLength(job.frameCount);
		}
		const [session] = await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, id));
		expect(session.status).toBe('complete');
		expect(session.completedAt).toBeInstanceOf(Date);
		const stored = await testDb().select().from(stackingJobs).where(eq(stackingJobs.uploadSessionId, id));
		expect(stored.map((j) => j.pointingKey)).toEqual(stored.map((j) => j.chunkKey.split('_').slice(1).join('_')));
		expect(stored.every((j) => j.userId === user.id && j.healpix !== null)).toBe(true);

		const view = await getUploadSession(user.id, token);
		expect(view).toMatchObject({ status: 'complete', fileCount: 12 });
		expect(view.files).toHaveLength(12);
		expect(view.jobs).toEqual(jobs);
	});

	it('a replayed finalize returns the same jobs and creates nothing', async () => {
		const user = await createTestUser();
		const { token, id } = await uploadedSession(user.id, frames.slice(0, 3));
		const first = await finalizeSession(user.id, token);
		const second = await finalizeSession(user.id, token);
		expect(first.created).toBe(1);
		expect(second).toEqual({ jobs: first.jobs, created: 0 });
		const stored = await testDb().select().from(stackingJobs).where(eq(stackingJobs.uploadSessionId, id));
		expect(stored).toHaveLength(1);
	});

	it('two finalize calls at once create the jobs once', async () => {
		const user = await createTestUser();
		const { token, id } = await uploadedSession(user.id, frames.slice(6));
		const results = await Promise.all([finalizeSession(user.id, token), finalizeSession(user.id, token)]);
		expect(results.map((r) => r.created).sort()).toEqual([0, 2]);
		const stored = await testDb().select().from(stackingJobs).where(eq(stackingJobs.uploadSessionId, id));
		expect(stored).toHaveLength(2);
	});

	it('a pro user at 1 minute gets windows four digits wide', async () => {
		const user = await createTestUser({ tier: 'pro', chunkCadenceMin: 1 });
		const { token } = await uploadedSession(user.id, frames.slice(0, 6));
		const { jobs } = await finalizeSession(user.id, token);
		// M 94 spans 05:45:00-05:46:04 UTC: minutes 345 and 346 of the day.
		expect(jobs.map((j) => j.chunkKey.split('_')[0]).sort()).toEqual(['20250327.0345', '20250327.0346']);
	});

	it('a free user whose stored window is 1 minute still gets 15', async () => {
		const user = await createTestUser({ tier: 'free', chunkCadenceMin: 1 });
		const { token } = await uploadedSession(user.id, frames.slice(0, 6));
		const { jobs } = await finalizeSession(user.id, token);
		expect(jobs.map((j) => j.chunkKey.split('_')[0])).toEqual(['20250327.23']);
	});

	it('refuses an empty session (409), another user’s (404), and an expired one (409)', async () => {
		const user = await createTestUser();
		const empty = await createUploadSession(user.id);
		await expect(finalizeSession(user.id, empty.token)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/no files/) });
		const other = await createTestUser();
		await expect(finalizeSession(other.id, empty.token)).rejects.toMatchObject({ status: 404 });
		await testDb().update(uploadSessions).set({ status: 'expired' }).where(eq(uploadSessions.id, empty.id));
		await expect(finalizeSession(user.id, empty.token)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/expired/) });
		const none = await testDb().select().from(stackingJobs).where(eq(stackingJobs.userId, user.id));
		expect(none).toEqual([]);
	});
});

describe('checkHashes and getUploadSession', () => {
	it('names the hashes this user stored in any session, never another user’s', async () => {
		const user = await createTestUser();
		const { token } = await uploadedSession(user.id, frames.slice(0, 2));
		const later = await createUploadSession(user.id);
		const asked = frames.slice(0, 4).map((f) => f.sha256);
		expect(await checkHashes(user.id, later.token, asked)).toEqual(asked.slice(0, 2).sort());
		const stranger = await createTestUser();
		const theirs = await createUploadSession(stranger.id);
		expect(await checkHashes(stranger.id, theirs.token, asked)).toEqual([]);
		await expect(checkHashes(stranger.id, token, asked)).rejects.toMatchObject({ status: 404 });
		await expect(getUploadSession(stranger.id, token)).rejects.toMatchObject({ status: 404 });
		const view = await getUploadSession(user.id, token);
		expect(view.files.map((f) => f.sha256)).toEqual(asked.slice(0, 2));
		expect(view).toMatchObject({ status: 'uploading', fileCount: 2, jobs: [] });
	});

	it('a user row keeps its cadence default of 15', async () => {
		const user = await createTestUser();
		const [row] = await testDb().select().from(users).where(eq(users.id, user.id));
		expect(row.chunkCadenceMin).toBe(15);
	});
});
