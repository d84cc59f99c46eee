import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawFiles, uploadSessions } from '$lib/server/db/schema';
import { createUploadSession, expireStaleSessions, SESSION_IDLE_MS } from '$lib/server/uploads';
import { createTestUser, testDatabaseUrl, testDb, withDb } from '../../helpers/db';
import { filesUnder, realFrames, upload, withLocalRawStorage } from './fixtures';

withDb();
const rawDir = withLocalRawStorage();

describe('expireStaleSessions', () => {
	it('expires a session idle for 24 h: files removed, rows marked; busy and finished sessions stay', async () => {
		const frames = (await realFrames('M94_set2_20250327')).slice(0, 3);
		const user = await createTestUser();
		const old = await createUploadSession(user.id);
		const busy = await createUploadSession(user.id);
		const done = await createUploadSession(user.id);
		for (const f of frames.slice(0, 2)) await upload(user.id, old.token, f.name, f.bytes);
		await upload(user.id, busy.token, frames[2].name, frames[2].bytes);

		const now = new Date();
		const longAgo = new Date(now.getTime() - SESSION_IDLE_MS - 60_000);
		await testDb().update(uploadSessions).set({ updatedAt: longAgo }).where(eq(uploadSessions.id, old.id));
		await testDb().update(uploadSessions).set({ updatedAt: longAgo, status: 'complete' }).where(eq(uploadSessions.id, done.id));

		const report = await expireStaleSessions(now);
		expect(report).toEqual({ sessions: [old.id], files: 2, failed: [] });

		const status = async (id: number) =>
			(await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, id)))[0].status;
		expect(await status(old.id)).toBe('expired');
		expect(await status(busy.id)).toBe('uploading');
		expect(await status(done.id)).toBe('complete');
		const oldRows = await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, old.id));
		expect(oldRows.map((r) => r.isDeleted)).toEqual([1, 1]);
		expect(await filesUnder(join(rawDir(), `user_${user.id}`, `session_${old.id}`))).toEqual([]);
		expect(await filesUnder(join(rawDir(), `user_${user.id}`, `session_${busy.id}`))).toHaveLength(1);

		// A second sweep finds nothing more; the frames can be uploaded again (no longer "had").
		expect(await expireStaleSessions(now)).toEqual({ sessions: [], files: 0, failed: [] });
		const again = await upload(user.id, busy.token, frames[0].name, frames[0].bytes);
		expect(again.duplicate).toBe(false);
		await expect(upload(user.id, old.token, frames[0].name, frames[0].bytes)).rejects.toMatchObject({ status: 409 });
	});

	it('a session whose last upload was 23 h ago is kept', async () => {
		const user = await createTestUser();
		const s = await createUploadSession(user.id);
		const now = new Date();
		await testDb()
			.update(uploadSessions)
			.set({ updatedAt: new Date(now.getTime() - 23 * 3600_000) })
			.where(eq(uploadSessions.id, s.id));
		expect((await expireStaleSessions(now)).sessions).not.toContain(s.id);
	});
});

describe('npm run sweep (scripts/sweep.js)', () => {
	it('expires idle sessions once and says what it did', async () => {
		const [frame] = await realFrames('NGC7023');
		const user = await createTestUser();
		const s = await createUploadSession(user.id);
		await upload(user.id, s.token, frame.name, frame.bytes);
		await testDb()
			.update(uploadSessions)
			.set({ updatedAt: new Date(Date.now() - SESSION_IDLE_MS - 60_000) })
			.where(eq(uploadSessions.id, s.id));
		const root = new URL('../../../', import.meta.url).pathname;
		const { stdout } = await promisify(execFile)(process.execPath, ['scripts/sweep.js'], {
			cwd: root,
			env: { ...process.env, DATABASE_URL: testDatabaseUrl(), RAW_STORAGE: rawDir() }
		});
		expect(stdout).toMatch(new RegExp(`1 upload session\\(s\\) expired \\(ids ${s.id}\\), 1 raw file\\(s\\) marked deleted, 0 folder`));
		expect(await filesUnder(join(rawDir(), `user_${user.id}`))).toEqual([]);
	});
});
