import { count, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import {
	apiTokens,
	rawFiles,
	sessions,
	stackedFrames,
	stackingJobs,
	uploadSessions,
	users
} from '$lib/server/db/schema';
import {
	createTestStackingJob,
	createTestUploadSession,
	createTestUser,
	resetTables,
	testDb,
	withDb
} from '../../helpers/db';

withDb();

async function ownedBy(userId: number) {
	const db = testDb();
	const n = async (rows: Promise<{ n: number }[]>) => (await rows)[0].n;
	return {
		uploadSessions: await n(db.select({ n: count() }).from(uploadSessions).where(eq(uploadSessions.userId, userId))),
		rawFiles: await n(
			db
				.select({ n: count() })
				.from(rawFiles)
				.innerJoin(uploadSessions, eq(rawFiles.uploadSessionId, uploadSessions.id))
				.where(eq(uploadSessions.userId, userId))
		),
		stackingJobs: await n(db.select({ n: count() }).from(stackingJobs).where(eq(stackingJobs.userId, userId))),
		stackedFrames: await n(db.select({ n: count() }).from(stackedFrames).where(eq(stackedFrames.userId, userId))),
		sessions: await n(db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId))),
		apiTokens: await n(db.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, userId)))
	};
}

async function userWithEverything() {
	const db = testDb();
	const user = await createTestUser();
	const upload = await createTestUploadSession(user.id);
	await db.insert(rawFiles).values({ uploadSessionId: upload.id, userId: user.id, sha256: 'c'.repeat(64), filename: 'a.fit', storagePath: '/x/a.fit', fileSizeBytes: 4_152_960 });
	const job = await createTestStackingJob(user.id, upload.id);
	await db.insert(stackedFrames).values({ stackingJobId: job.id, userId: user.id, chunkKey: job.chunkKey, storagePath: '/s.fits' });
	await db.insert(sessions).values({ id: 'a'.repeat(64), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) });
	await db.insert(apiTokens).values({ userId: user.id, name: 'runner', tokenHash: 'b'.repeat(64), tokenPrefix: 'cs_b' });
	return user;
}

test('deleting a user deletes everything that hangs off it, and nothing of others', async () => {
	const user = await userWithEverything();
	const other = await createTestUser();
	const otherUpload = await createTestUploadSession(other.id);
	const all = { uploadSessions: 1, rawFiles: 1, stackingJobs: 1, stackedFrames: 1, sessions: 1, apiTokens: 1 };
	expect(await ownedBy(user.id)).toEqual(all);

	await testDb().delete(users).where(eq(users.id, user.id));

	const none = { uploadSessions: 0, rawFiles: 0, stackingJobs: 0, stackedFrames: 0, sessions: 0, apiTokens: 0 };
	expect(await ownedBy(user.id)).toEqual(none);
	const [stillThere] = await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, otherUpload.id));
	expect(stillThere.userId).toBe(other.id);
});

test('resetTables empties every table and restarts ids', async () => {
	await userWithEverything();
	await resetTables();
	const db = testDb();
	for (const table of [users, uploadSessions, rawFiles, stackingJobs, stackedFrames, sessions, apiTokens]) {
		expect((await db.select({ n: count() }).from(table))[0].n).toBe(0);
	}
	expect((await createTestUser()).id).toBe(1);
});
