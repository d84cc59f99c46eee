/**
 * Mutated real frames PUT through the real upload handler (a Web Request, as SvelteKit calls it),
 * with a share of hostile requests (a wrong sha256, a Content-Length that lies, odd names). Every
 * refusal is a 4xx JSON `{ message }` and leaves nothing in storage or the database; every
 * acceptance is stored byte for byte with its row; pixels flipped in the data area are accepted.
 * FUZZ_UPLOAD_CASES and FUZZ_SEED run more or others.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/types';
import { rawFiles } from '$lib/server/db/schema';
import { createUploadSession } from '$lib/server/uploads';
import { PUT as putFile } from '../../../src/routes/api/uploads/[token]/files/+server';
import { mutate, rng, type Random } from '../../fuzz/mutate';
import { createTestUser, testDb, withDb } from '../../helpers/db';
import { bodyOf, filesUnder, realFrames, sha256Of, withLocalRawStorage, type RealFrame } from '../uploads/fixtures';

withDb();
const rawDir = withLocalRawStorage();

const CASES = Number(process.env.FUZZ_UPLOAD_CASES ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20250327);

let frames: RealFrame[];
beforeAll(async () => {
	frames = await realFrames();
});

interface Attempt {
	what: string;
	bytes: Uint8Array;
	name: string;
	sha256: string;
	contentLength: string;
	/** Only pixels were changed and the request is honest: it must be accepted. */
	mustAccept: boolean;
}

/** Honest requests for mutated files, and now and then a request that lies about an intact one. */
function nextAttempt(r: Random, n: number): Attempt {
	const frame = r.pick(frames);
	const honest = (bytes: Uint8Array, what: string, mustAccept: boolean): Attempt => ({
		what,
		bytes,
		name: `case ${n} ${frame.name}`,
		sha256: sha256Of(bytes),
		contentLength: String(bytes.length),
		mustAccept
	});
	const lie = r.next();
	if (lie < 0.05) return { ...honest(frame.bytes, 'a sha256 that is not the bytes', false), sha256: sha256Of(frame.bytes.subarray(1)) };
	if (lie < 0.1) {
		const claimed = r.pick([0, 1, frame.bytes.length - 1, frame.bytes.length + 1, 60 * 1024 * 1024, -1]);
		return { ...honest(frame.bytes, `Content-Length ${claimed} for ${frame.bytes.length} bytes`, false), contentLength: String(claimed) };
	}
	if (lie < 0.13) {
		const name = r.pick(['../../etc/passwd.fit', 'frame.png', '', 'a\u0000b.fit', 'x'.repeat(300) + '.fit', 'dir\\frame.fits']);
		return { ...honest(frame.bytes, `name ${JSON.stringify(name.slice(0, 40))}`, false), name };
	}
	const mutated = mutate(frame.bytes, r);
	const [only] = mutated.mutations;
	return honest(mutated.bytes, mutated.mutations.map((m) => m.name).join(' + '), mutated.mutations.length === 1 && only.dataOnly);
}

function putRequest(token: string, attempt: Attempt): Request {
	const query = new URLSearchParams({ name: attempt.name, sha256: attempt.sha256 });
	return new Request(`http://localhost/api/uploads/${token}/files?${query}`, {
		method: 'PUT',
		body: bodyOf(attempt.bytes),
		headers: { 'content-type': 'application/octet-stream', 'content-length': attempt.contentLength },
		duplex: 'half'
	} as RequestInit);
}

async function rowCount(userId: number): Promise<number> {
	const [{ n }] = await testDb().select({ n: count() }).from(rawFiles).where(eq(rawFiles.userId, userId));
	return n;
}

describe(`upload endpoint fuzz: ${CASES} mutated frames and hostile requests (seed ${SEED})`, () => {
	it('refuses with a 4xx JSON message and keeps nothing, or stores the exact bytes', async () => {
		const row = await createTestUser();
		const user: SessionUser = { id: row.id, username: row.username, email: row.email, tier: row.tier, storageUsedMb: 0, storageLimitMb: 500, createdAt: row.createdAt };
		const { token } = await createUploadSession(user.id);
		const r = rng(SEED);
		const statuses = new Map<number, number>();
		let rows = 0;
		for (let n = 0; n < CASES; n++) {
			const attempt = nextAttempt(r, n);
			const where = `case ${n} (seed ${SEED}): ${attempt.what}`;
			const filesBefore = await filesUnder(rawDir());
			const request = putRequest(token, attempt);
			const event = { locals: { user, session: null }, params: { token }, request, url: new URL(request.url), getClientAddress: () => '192.0.2.1' };
			const response = await putFile(event as never);
			statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
			const body = await response.json();

			if (response.status >= 400) {
				expect(response.status, `${where}: ${body.message}`).toBeLessThan(500);
				expect(response.headers.get('content-type'), where).toMatch(/^application\/json/);
				expect(typeof body.message === 'string' && body.message.trim() !== '', `${where}: ${JSON.stringify(body)}`).toBe(true);
				expect(attempt.mustAccept, `${where} was refused: ${body.message}`).toBe(false);
				expect(await rowCount(user.id), `${where}: a refused file left a row`).toBe(rows);
				expect(await filesUnder(rawDir()), `${where}: a refused file left bytes in storage`).toEqual(filesBefore);
				continue;
			}
			expect(response.status, `${where}: ${JSON.stringify(body)}`).toBe(body.duplicate ? 200 : 201);
			expect(body.sha256, where).toBe(sha256Of(attempt.bytes));
			if (body.duplicate) continue;
			rows++;
			expect(await rowCount(user.id), where).toBe(rows);
			const [stored] = await testDb().select().from(rawFiles).where(eq(rawFiles.id, body.id));
			expect(stored.fileSizeBytes, where).toBe(attempt.bytes.length);
			const onDisk = new Uint8Array(await readFile(join(rawDir(), stored.storagePath)));
			expect(sha256Of(onDisk), `${where}: stored bytes differ`).toBe(body.sha256);
		}
		console.log(`upload fuzz: ${CASES} requests, answered ${JSON.stringify(Object.fromEntries(statuses))}; ${rows} stored`);
		expect(rows, 'no mutated frame was accepted: the fuzz reaches only refusals').toBeGreaterThan(0);
		expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
	}, 60_000 + CASES * 500);
});
