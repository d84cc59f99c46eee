/** The full upload round trip with raws on a real WebDAV server (rclone serve webdav, or webdav-server). */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawFiles, uploadSessions } from '$lib/server/db/schema';
import { rawStorage } from '$lib/server/storage';
import { createUploadSession, expireStaleSessions, finalizeSession, SESSION_IDLE_MS } from '$lib/server/uploads';
import { createTestUser, testDb, withDb } from '../../helpers/db';
import { startWebdavServer, type WebdavServer } from '../../helpers/webdav';
import { realFrames, sha256Of, upload } from './fixtures';

withDb();

let server: WebdavServer;
const saved: Record<string, string | undefined> = {};
const VARS = ['RAW_STORAGE', 'WEBDAV_USERNAME', 'WEBDAV_PASSWORD'] as const;

beforeAll(async () => {
	server = await startWebdavServer();
	for (const name of VARS) saved[name] = process.env[name];
	process.env.RAW_STORAGE = server.url;
	process.env.WEBDAV_USERNAME = server.username;
	process.env.WEBDAV_PASSWORD = server.password;
});
afterAll(async () => {
	for (const name of VARS) {
		if (saved[name] === undefined) delete process.env[name];
		else process.env[name] = saved[name];
	}
	await server?.stop();
});

async function readAll(path: string): Promise<Uint8Array> {
	const parts: Buffer[] = [];
	for await (const part of await rawStorage().read(path)) parts.push(part as Buffer);
	return new Uint8Array(Buffer.concat(parts));
}

describe('uploads on WebDAV', () => {
	it('stores the 12 frames byte-identical, dedupes, finalizes, and expiry removes a session’s folder', async () => {
		expect(rawStorage().kind).toBe('webdav');
		const frames = await realFrames();
		const user = await createTestUser();
		const { id, token } = await createUploadSession(user.id);
		for (const frame of frames) expect((await upload(user.id, token, frame.name, frame.bytes)).duplicate).toBe(false);
		expect((await upload(user.id, token, frames[0].name, frames[0].bytes)).duplicate).toBe(true);

		const rows = await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, id)).orderBy(rawFiles.id);
		expect(rows).toHaveLength(12);
		for (const [i, row] of rows.entries()) expect(sha256Of(await readAll(row.storagePath))).toBe(frames[i].sha256);
		expect(await rawStorage().list(`user_${user.id}`)).toHaveLength(12);

		const { jobs } = await finalizeSession(user.id, token);
		expect(jobs).toHaveLength(3);

		// A second, abandoned session on the same store: the sweep removes its folder only.
		const other = await createUploadSession(user.id);
		const extra = (await realFrames('M94_set2_20250327'))[0];
		const stranger = await createTestUser();
		const theirs = await createUploadSession(stranger.id);
		await upload(stranger.id, theirs.token, extra.name, extra.bytes);
		const now = new Date();
		await testDb()
			.update(uploadSessions)
			.set({ updatedAt: new Date(now.getTime() - SESSION_IDLE_MS - 1000) })
			.where(eq(uploadSessions.id, theirs.id));
		const report = await expireStaleSessions(now);
		expect(report.sessions).toContain(theirs.id);
		expect(report.sessions).not.toContain(other.id);
		expect(report.failed).toEqual([]);
		expect(await rawStorage().list(`user_${stranger.id}`)).toEqual([]);
		expect(await rawStorage().list(`user_${user.id}`)).toHaveLength(12);
	});
});
