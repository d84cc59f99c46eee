/**
 * The storage quota counts raws and stacks together (issue 11, finding 6): raws are charged as
 * they are stored and released whenever they go (acceptance of a free/pro stack, deleting a job
 * or session, expiry); an upload that would exceed the limit is refused up front at the check,
 * and a file that would is refused before it is stored.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { stackedFrames, uploadSessions, users } from '$lib/server/db/schema';
import { deleteJob, deleteUploadSession } from '$lib/server/deletion';
import { createUploadSession, expireStaleSessions, SESSION_IDLE_MS } from '$lib/server/uploads';
import { stackStorage } from '$lib/server/storage';
import { formatMb } from '$lib/format';
import { POST as check } from '../../../src/routes/api/uploads/[token]/check/+server';
import { PUT as putFile } from '../../../src/routes/api/uploads/[token]/files/+server';
import { POST as complete } from '../../../src/routes/api/jobs/[id]/complete/+server';
import { testDb, withDb } from '../../helpers/db';
import { BASE, call, claimAs, m94Frames, observerJob, sessionUser, stackTicket, submission } from '../jobs/helpers';
import { bodyOf, filesUnder, upload, withLocalRawStorage, withLocalStackStorage, type RealFrame } from './fixtures';

withDb();
const rawDir = withLocalRawStorage();
withLocalStackStorage();
const MB = 1048576;
let frames: RealFrame[];

beforeAll(async () => {
	frames = await m94Frames();
});

async function usedMb(userId: number): Promise<number> {
	const [row] = await testDb().select({ used: users.storageUsedMb }).from(users).where(eq(users.id, userId));
	return Number(row.used);
}

const bytesOf = (list: RealFrame[]) => list.reduce((sum, f) => sum + f.bytes.length, 0);

async function uploaded(userId: number, list: RealFrame[] = frames): Promise<string> {
	const { token } = await createUploadSession(userId);
	for (const frame of list) await upload(userId, token, frame.name, frame.bytes);
	return token;
}

describe('raws count toward storage use', () => {
	it('are charged as they are stored (a duplicate is not) and released when the session is deleted', async () => {
		const user = await sessionUser('raw');
		const token = await uploaded(user.id);
		expect(await usedMb(user.id)).toBeCloseTo(bytesOf(frames) / MB, 1);
		await uploaded(user.id, frames.slice(0, 2));
		expect(await usedMb(user.id)).toBeCloseTo(bytesOf(frames) / MB, 1);
		const deleted = await deleteUploadSession(user.id, token);
		expect(deleted!.freedMb).toBeCloseTo(bytesOf(frames) / MB, 1);
		expect(await usedMb(user.id)).toBe(0);
	});

	it('are released when their job is deleted, and when an idle session expires', async () => {
		const { owner, jobId } = await observerJob('raw');
		expect(await usedMb(owner.id)).toBeCloseTo(bytesOf(frames) / MB, 1);
		await deleteJob(owner.id, jobId);
		expect(await usedMb(owner.id)).toBe(0);

		const idle = await sessionUser('raw');
		const token = await uploaded(idle.id, frames.slice(0, 3));
		expect(await usedMb(idle.id)).toBeCloseTo(bytesOf(frames.slice(0, 3)) / MB, 1);
		const old = new Date(Date.now() - SESSION_IDLE_MS - 60_000);
		await testDb().update(uploadSessions).set({ updatedAt: old }).where(eq(uploadSessions.sessionToken, token));
		await expireStaleSessions();
		expect(await usedMb(idle.id)).toBe(0);
		// Expiring again marks nothing and releases nothing.
		await expireStaleSessions();
		expect(await usedMb(idle.id)).toBe(0);
	});

	it('after upload → stack → raw deletion (free tier), the use equals the stored stack objects', async () => {
		const { owner, jobId } = await observerJob('free');
		const who = { user: owner };
		const ticket = (await claimAs(who))!;
		const { fits, report } = await stackTicket(who, ticket);
		const response = await call(complete, who, submission(fits, report, 1000, ticket.leaseToken)(`${BASE}/${ticket.id}/complete`), { id: String(ticket.id) });
		expect(response.status).toBe(200);
		const [stack] = await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, jobId));
		let stored = 0;
		for (const path of [stack.storagePath, stack.thumbnailPath, stack.reportPath]) stored += (await stackStorage().stat(path!))!.size;
		expect(await filesUnder(rawDir())).not.toContain(expect.stringContaining(`user_${owner.id}/`));
		expect(await usedMb(owner.id)).toBeCloseTo(stored / MB, 1);
	});
});

describe('an upload over quota', () => {
	async function tightUser(limitMb: number) {
		const user = await sessionUser('raw');
		await testDb().update(users).set({ storageLimitMb: String(limitMb) }).where(eq(users.id, user.id));
		return user;
	}

	it('is refused up front at the check, naming what it needs, the use and the limit', async () => {
		const user = await tightUser(6);
		const token = await uploaded(user.id, frames.slice(0, 1));
		const files = frames.map((f) => ({ name: f.name, size: f.bytes.length, sha256: f.sha256 }));
		const request = new Request(`http://localhost/api/uploads/${token}/check`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ files })
		});
		const response = await call(check, { user }, request, { token });
		expect(response.status).toBe(413);
		const need = bytesOf(frames.slice(1));
		const { message } = await response.json();
		expect(message).toContain(
			`This upload needs ${formatMb(need)}; you use ${formatMb(frames[0].bytes.length)} of your 6.0 MB, so it would bring you to ${formatMb(bytesOf(frames))}.`
		);

		// What fits is not refused: the frames already stored cost nothing.
		const fits = new Request(`http://localhost/api/uploads/${token}/check`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ files: files.slice(0, 1) })
		});
		expect((await call(check, { user }, fits, { token })).status).toBe(200);
	});

	it('a file that would exceed the limit is refused and not stored', async () => {
		const user = await tightUser(6);
		const token = await uploaded(user.id, frames.slice(0, 1));
		const before = await filesUnder(rawDir());
		const [, frame] = frames;
		const request = new Request(`http://localhost/api/uploads/${token}/files?name=${encodeURIComponent(frame.name)}&sha256=${frame.sha256}`, {
			method: 'PUT',
			headers: { 'content-length': String(frame.bytes.length) },
			body: bodyOf(frame.bytes),
			duplex: 'half'
		} as RequestInit);
		const response = await call(putFile, { user }, request, { token });
		expect(response.status).toBe(413);
		const size = formatMb(frame.bytes.length);
		expect((await response.json()).message).toContain(`${frame.name} needs ${size}; you use ${size} of your 6.0 MB`);
		expect(await filesUnder(rawDir())).toEqual(before);
		expect(await usedMb(user.id)).toBeCloseTo(frames[0].bytes.length / MB, 1);
	});
});
