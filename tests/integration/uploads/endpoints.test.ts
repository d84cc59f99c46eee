/**
 * The /api/uploads endpoints called as SvelteKit calls them (a Web Request, locals from the
 * session hook): status codes, JSON shapes, `{ message }` errors, and the file body passed
 * through as a stream.
 */
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/types';
import { MAX_CHECK_FILES } from '$lib/api/uploads';
import { POST as createSession } from '../../../src/routes/api/uploads/+server';
import { GET as getSession } from '../../../src/routes/api/uploads/[token]/+server';
import { POST as check } from '../../../src/routes/api/uploads/[token]/check/+server';
import { PUT as putFile } from '../../../src/routes/api/uploads/[token]/files/+server';
import { POST as finalize } from '../../../src/routes/api/uploads/[token]/finalize/+server';
import { createTestUser, withDb } from '../../helpers/db';
import { bodyOf, realFrames, sha256Of } from './fixtures';
import { withLocalRawStorage } from './fixtures';

withDb();
withLocalRawStorage();

const BASE = 'http://localhost/api/uploads';

async function sessionUser(overrides = {}): Promise<SessionUser> {
	const row = await createTestUser(overrides);
	return { id: row.id, username: row.username, email: row.email, tier: row.tier, storageUsedMb: 0, storageLimitMb: 500, createdAt: row.createdAt };
}

/** Calls a handler with the event fields these endpoints read. */
function call(handler: (event: never) => Response | Promise<Response>, user: SessionUser | null, request: Request, params: Record<string, string> = {}) {
	const event = { locals: { user, session: null }, params, request, url: new URL(request.url), getClientAddress: () => '192.0.2.1' };
	return handler(event as never);
}

function putRequest(token: string, name: string, bytes: Uint8Array, sha256 = sha256Of(bytes)) {
	const url = `${BASE}/${token}/files?name=${encodeURIComponent(name)}&sha256=${sha256}`;
	return new Request(url, {
		method: 'PUT',
		body: bodyOf(bytes),
		headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
		duplex: 'half'
	} as RequestInit);
}

const jsonPost = (url: string, body: unknown) =>
	new Request(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('/api/uploads', () => {
	it('a whole upload: create, check, put, duplicate, get, finalize, replay', async () => {
		const user = await sessionUser();
		const frames = await realFrames('NGC7023');
		const created = await call(createSession, user, new Request(BASE, { method: 'POST' }));
		expect(created.status).toBe(201);
		const { token, id } = await created.json();
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(id).toBeGreaterThan(0);

		const list = { files: frames.map((f) => ({ name: f.name, size: f.bytes.length, sha256: f.sha256.toUpperCase() })) };
		const before = await call(check, user, jsonPost(`${BASE}/${token}/check`, list), { token });
		expect(await before.json()).toEqual({ have: [] });

		for (const frame of frames) {
			const response = await call(putFile, user, putRequest(token, frame.name, frame.bytes), { token });
			expect(response.status).toBe(201);
			expect(await response.json()).toMatchObject({ name: frame.name, sha256: frame.sha256, duplicate: false, chunkKey: expect.any(String) });
		}
		const dup = await call(putFile, user, putRequest(token, frames[0].name, frames[0].bytes), { token });
		expect(dup.status).toBe(200);
		expect(await dup.json()).toMatchObject({ duplicate: true });

		const after = await call(check, user, jsonPost(`${BASE}/${token}/check`, list), { token });
		expect((await after.json()).have).toEqual(frames.map((f) => f.sha256).sort());

		const view = await (await call(getSession, user, new Request(`${BASE}/${token}`), { token })).json();
		expect(view).toMatchObject({ token, status: 'uploading', fileCount: 6, jobs: [] });
		expect(view.files.map((f: { name: string }) => f.name)).toEqual(frames.map((f) => f.name));

		const done = await (await call(finalize, user, new Request(`${BASE}/${token}/finalize`, { method: 'POST' }), { token })).json();
		expect(done.created).toBe(2);
		expect(done.jobs.map((j: { frameCount: number }) => j.frameCount).sort()).toEqual([2, 4]);
		const replay = await (await call(finalize, user, new Request(`${BASE}/${token}/finalize`, { method: 'POST' }), { token })).json();
		expect(replay).toEqual({ jobs: done.jobs, created: 0 });
	});

	it('answers 401 JSON without a login, 404 JSON for another user’s token', async () => {
		const owner = await sessionUser();
		const stranger = await sessionUser();
		const anonymous = await call(createSession, null, new Request(BASE, { method: 'POST' }));
		expect(anonymous.status).toBe(401);
		expect(await anonymous.json()).toEqual({ message: expect.stringMatching(/Log in/) });
		const { token } = await (await call(createSession, owner, new Request(BASE, { method: 'POST' }))).json();
		const [frame] = await realFrames('M94_set2_20250327');
		for (const response of [
			await call(getSession, stranger, new Request(`${BASE}/${token}`), { token }),
			await call(putFile, stranger, putRequest(token, frame.name, frame.bytes), { token }),
			await call(finalize, stranger, new Request(`${BASE}/${token}/finalize`, { method: 'POST' }), { token })
		]) {
			expect(response.status).toBe(404);
			expect(await response.json()).toEqual({ message: 'No such upload session: start a new upload' });
		}
	});

	it('refuses check bodies of the wrong shape, too long, or with bad hex', async () => {
		const user = await sessionUser();
		const { token } = await (await call(createSession, user, new Request(BASE, { method: 'POST' }))).json();
		const file = { name: 'a.fit', size: 1, sha256: 'a'.repeat(64) };
		const cases: [unknown, RegExp][] = [
			[[file], /not a file list/],
			[{ files: 'x' }, /not a file list/],
			[{ files: [{ ...file, sha256: 'g'.repeat(64) }] }, /files\[0\]/],
			[{ files: [file, { ...file, size: -1 }] }, /files\[1\]/],
			[{ files: Array(MAX_CHECK_FILES + 1).fill(file) }, /at most 5000/]
		];
		for (const [body, message] of cases) {
			const response = await call(check, user, jsonPost(`${BASE}/${token}/check`, body), { token });
			expect(response.status).toBe(400);
			expect((await response.json()).message).toMatch(message);
		}
		const notJson = new Request(`${BASE}/${token}/check`, { method: 'POST', body: '{' });
		expect((await (await call(check, user, notJson, { token })).json()).message).toMatch(/must be JSON/);
		const ok = await call(check, user, jsonPost(`${BASE}/${token}/check`, { files: Array(MAX_CHECK_FILES).fill(file) }), { token });
		expect(ok.status).toBe(200);
	});

	it('refuses a file over 50 MB with 413 JSON and a bad name with 400 JSON', async () => {
		const user = await sessionUser();
		const { token } = await (await call(createSession, user, new Request(BASE, { method: 'POST' }))).json();
		const big = new Request(`${BASE}/${token}/files?name=big.fit&sha256=${'a'.repeat(64)}`, {
			method: 'PUT',
			body: bodyOf(new Uint8Array(16)),
			headers: { 'content-length': String(50 * 1024 * 1024 + 1) },
			duplex: 'half'
		} as RequestInit);
		const tooBig = await call(putFile, user, big, { token });
		expect(tooBig.status).toBe(413);
		expect((await tooBig.json()).message).toMatch(/at most 52428800 bytes \(50 MB\)/);
		const evil = await call(putFile, user, putRequest(token, '../evil.fit', new Uint8Array(2880)), { token });
		expect(evil.status).toBe(400);
		expect((await evil.json()).message).toMatch(/path separator/);
	});
});
