import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkKey } from '$lib/chunks';
import { scrubLocation } from '$lib/fits';
import { volunteerScrubbing } from '$lib/server/jobs';
import { rawFiles, uploadSessions } from '$lib/server/db/schema';
import { MAX_FILE_BYTES } from '$lib/api/uploads';
import { createUploadSession, receiveFile } from '$lib/server/uploads';
import { concatBytes } from '$lib/util/bytes';
import { createTestUser, testDb, withDb } from '../../helpers/db';
import {
	bodyOf,
	filesUnder,
	fitsHeader,
	realFrames,
	sha256Of,
	smallFrame,
	upload,
	withLocalRawStorage,
	type RealFrame
} from './fixtures';

withDb();
const rawDir = withLocalRawStorage();

let frames: RealFrame[];
beforeAll(async () => {
	frames = await realFrames();
});

async function sessionRow(id: number) {
	const [row] = await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, id));
	return row;
}

async function rowsOfSession(id: number) {
	return testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, id)).orderBy(rawFiles.id);
}

describe('receiveFile: the 12 real frames', () => {
	it('stores each byte-identical under an id path, with its header fields, and keeps the counters right', async () => {
		const user = await createTestUser();
		const { id, token } = await createUploadSession(user.id);
		for (const frame of frames) {
			const result = await upload(user.id, token, frame.name, frame.bytes);
			expect(result).toMatchObject({ name: frame.name, sha256: frame.sha256, duplicate: false });
		}
		const rows = await rowsOfSession(id);
		expect(rows).toHaveLength(12);
		for (const [i, row] of rows.entries()) {
			const frame = frames[i];
			expect(row.filename).toBe(frame.name);
			expect(row.sha256).toBe(frame.sha256);
			expect(row.userId).toBe(user.id);
			expect(row.fileSizeBytes).toBe(4_152_960);
			// Made from ids only: the original name (with spaces) never reaches the path.
			expect(row.storagePath).toMatch(new RegExp(`^user_${user.id}/session_${id}/[0-9a-f]{24}\\.fit$`));
			const stored = new Uint8Array(await readFile(join(rawDir(), row.storagePath)));
			expect(sha256Of(stored)).toBe(frame.sha256);
			expect(Buffer.compare(stored, frame.bytes)).toBe(0);
			// Hashed as workers will download it, while it streamed in: no claim re-reads it.
			const scrubbed = stored.slice();
			scrubLocation(scrubbed, volunteerScrubbing(token));
			expect(row.scrubbedSha256).toBe(sha256Of(scrubbed));
		}
		// Header fields, checked against what the README documents for these frames.
		const m94 = rows.filter((r) => r.filename.includes('M 94'));
		expect(m94.map((r) => r.telescope)).toEqual(Array(6).fill('S50_1d3fe189'));
		expect(m94[0].fitsDateObs!.toISOString()).toMatch(/^2025-03-27T05:45:/);
		expect(m94[0].fitsExptime).toBe(10);
		for (const row of rows) {
			expect(row.chunkKey).toBe(chunkKey(row.fitsDateObs!.getTime(), 15, row.fitsRa!, row.fitsDec!));
			expect(row.healpix).toBeGreaterThanOrEqual(0);
			expect(row.healpix).toBeLessThan(12 * 128 * 128);
		}
		const session = await sessionRow(id);
		expect(session.fileCount).toBe(12);
		expect(Number(session.totalSizeMb)).toBeCloseTo((12 * 4_152_960) / 1048576, 2);
		expect(session.objectName).toBe(rows[0].fitsObject);
		expect(session.raDeg).toBe(rows[0].fitsRa);
		expect((await filesUnder(rawDir())).filter((f) => f.startsWith(`user_${user.id}/`))).toHaveLength(12);
	});
});

describe('receiveFile: duplicates are a state, stored once', () => {
	it('the same file twice in a session, and again in a new session, is one row and one object', async () => {
		const user = await createTestUser();
		const [frame] = frames;
		const first = await createUploadSession(user.id);
		const stored = await upload(user.id, first.token, frame.name, frame.bytes);
		const again = await upload(user.id, first.token, frame.name, frame.bytes);
		expect(again).toEqual({ ...stored, duplicate: true });
		const second = await createUploadSession(user.id);
		const elsewhere = await upload(user.id, second.token, 'renamed copy.fit', frame.bytes);
		expect(elsewhere).toMatchObject({ id: stored.id, duplicate: true, chunkKey: stored.chunkKey });

		expect(await rowsOfSession(first.id)).toHaveLength(1);
		expect(await rowsOfSession(second.id)).toHaveLength(0);
		expect((await sessionRow(first.id)).fileCount).toBe(1);
		expect((await sessionRow(second.id)).fileCount).toBe(0);
		expect(await filesUnder(join(rawDir(), `user_${user.id}`))).toHaveLength(1);
	});

	it('another user uploading the same frame stores their own copy', async () => {
		const [frame] = frames;
		const a = await createTestUser();
		const b = await createTestUser();
		const sa = await createUploadSession(a.id);
		const sb = await createUploadSession(b.id);
		expect((await upload(a.id, sa.token, frame.name, frame.bytes)).duplicate).toBe(false);
		expect((await upload(b.id, sb.token, frame.name, frame.bytes)).duplicate).toBe(false);
	});
});

describe('receiveFile: bad input gets a clear error and leaves nothing behind', () => {
	let userId: number;
	let token: string;
	let sessionId: number;
	beforeAll(async () => {
		userId = (await createTestUser()).id;
		({ token, id: sessionId } = await createUploadSession(userId));
	});

	async function expectRefused(promise: Promise<unknown>, status: number, message: RegExp) {
		await expect(promise).rejects.toMatchObject({ name: 'ApiError', status, message: expect.stringMatching(message) });
		expect(await rowsOfSession(sessionId)).toHaveLength(0);
		expect(await filesUnder(rawDir()).then((all) => all.filter((f) => f.startsWith(`user_${userId}/`)))).toEqual([]);
		expect((await sessionRow(sessionId)).fileCount).toBe(0);
	}

	it('a truncated FITS file', async () => {
		await expectRefused(upload(userId, token, 'cut.fit', frames[0].bytes.slice(0, 1_000_000)), 400, /cut\.fit .*(truncated|declares|needs)/i);
	});

	it('a PNG renamed .fit', async () => {
		const png = concatBytes([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), new Uint8Array(5000)]);
		await expectRefused(upload(userId, token, 'photo.fit', png), 400, /photo\.fit is not a usable FITS image/);
	});

	it('a header claiming a 4 GB image', async () => {
		const header = fitsHeader({ SIMPLE: true, BITPIX: 16, NAXIS: 2, NAXIS1: 65536, NAXIS2: 32768, 'DATE-OBS': '2025-03-27T05:45:13', RA: 1, DEC: 2 });
		await expectRefused(upload(userId, token, 'huge.fit', concatBytes([header, new Uint8Array(2880)])), 400, /huge\.fit is not a usable FITS image: .*4294967296/);
	});

	it('an empty file', async () => {
		await expectRefused(upload(userId, token, 'empty.fit', new Uint8Array(0)), 400, /empty/);
		await expectRefused(receiveFile(userId, token, 'empty.fit', sha256Of(new Uint8Array(0)), null, null), 400, /Content-Length is required/);
	});

	it('a frame without DATE-OBS', async () => {
		await expectRefused(upload(userId, token, 'nodate.fit', smallFrame({ withDate: false })), 400, /nodate\.fit cannot be chunked: .*DATE-OBS/);
	});

	it.each([
		['../evil.fit', /path separator/],
		['a/b.fit', /path separator/],
		['a\\b.fit', /path separator/],
		['nul\u0000.fit', /control characters/],
		['tab\there.fit', /control characters/],
		['picture.png', /does not end in \.fit or \.fits/],
		['frame.fit.exe', /does not end in \.fit or \.fits/],
		['', /name is required/],
		[`${'x'.repeat(252)}.fits`, /at most 255/]
	])('the name %j', async (name, message) => {
		await expectRefused(upload(userId, token, name, smallFrame()), 400, message);
	});

	it('a file over 50 MB (413), by its Content-Length, before a byte is stored', async () => {
		const declared = String(MAX_FILE_BYTES + 1);
		await expectRefused(upload(userId, token, 'big.fit', smallFrame(), { contentLength: declared }), 413, /the file is 52428801 bytes \(50 MB\); files of at most 52428800 bytes/);
	});

	it('a sha256 that does not match the bytes', async () => {
		await expectRefused(upload(userId, token, 'x.fit', frames[1].bytes, { sha256: frames[0].sha256 }), 400, /hash to [0-9a-f]{64}, not the sha256/);
		await expectRefused(upload(userId, token, 'x.fit', frames[1].bytes, { sha256: 'abc' }), 400, /64 hexadecimal digits/);
	});

	it('a body shorter or longer than its Content-Length', async () => {
		const bytes = frames[2].bytes;
		await expectRefused(upload(userId, token, 'short.fit', bytes.slice(0, 3_000_000), { contentLength: String(bytes.length) }), 400, /ended after 3000000 of the 4152960 bytes/);
		await expectRefused(upload(userId, token, 'long.fit', bytes, { contentLength: '4000000' }), 400, /longer than its Content-Length of 4000000/);
	});

	it('an upload into another user’s session is a 404 and stores nothing', async () => {
		const other = await createTestUser();
		await expectRefused(upload(other.id, token, frames[0].name, frames[0].bytes), 404, /No such upload session/);
		expect(await filesUnder(join(rawDir(), `user_${other.id}`))).toEqual([]);
	});

	it('a forged or unknown token is the same 404', async () => {
		await expectRefused(upload(userId, 'A'.repeat(43), frames[0].name, frames[0].bytes), 404, /No such upload session/);
		await expectRefused(upload(userId, '../../etc', frames[0].name, frames[0].bytes), 404, /No such upload session/);
	});

	it('names with spaces and Unicode are accepted and kept only as the filename', async () => {
		const name = 'M 94 – Nébuleuse ✨ 銀河.FITS';
		const result = await upload(userId, token, name, smallFrame());
		expect(result.duplicate).toBe(false);
		const [row] = await testDb().select().from(rawFiles).where(eq(rawFiles.id, result.id));
		expect(row.filename).toBe(name);
		expect(row.storagePath).toMatch(/^user_\d+\/session_\d+\/[0-9a-f]{24}\.fit$/);
		await testDb().delete(rawFiles).where(eq(rawFiles.id, result.id));
		await testDb().update(uploadSessions).set({ fileCount: 0 }).where(eq(uploadSessions.id, sessionId));
		const { rm } = await import('node:fs/promises');
		await rm(join(rawDir(), row.storagePath));
	});
});

describe('receiveFile: a failed database write leaves no stored object', () => {
	it('a raw_files insert refused by MariaDB deletes the stored file and changes no counter', async () => {
		const user = await createTestUser();
		const { id, token } = await createUploadSession(user.id);
		// A real refusal from MariaDB for this session's inserts only (not a mock of the code).
		await testDb().execute(
			`CREATE TRIGGER refuse_raw_${id} BEFORE INSERT ON raw_files FOR EACH ROW ` +
				`IF NEW.upload_session_id = ${id} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk full (test)'; END IF`
		);
		try {
			await expect(upload(user.id, token, frames[3].name, frames[3].bytes)).rejects.toMatchObject({ cause: { sqlMessage: 'disk full (test)' } });
		} finally {
			await testDb().execute(`DROP TRIGGER refuse_raw_${id}`);
		}
		expect(await rowsOfSession(id)).toHaveLength(0);
		expect((await sessionRow(id)).fileCount).toBe(0);
		expect(await filesUnder(join(rawDir(), `user_${user.id}`))).toEqual([]);
		// The same frame goes through once the database takes it again: nothing half-done blocked it.
		expect((await upload(user.id, token, frames[3].name, frames[3].bytes)).duplicate).toBe(false);
	});
});

describe('receiveFile: only into a session that is uploading', () => {
	it('a complete or expired session answers 409 and stores nothing', async () => {
		const user = await createTestUser();
		for (const status of ['complete', 'expired'] as const) {
			const { id, token } = await createUploadSession(user.id);
			await testDb().update(uploadSessions).set({ status }).where(eq(uploadSessions.id, id));
			await expect(upload(user.id, token, frames[4].name, frames[4].bytes)).rejects.toMatchObject({ status: 409 });
			const rows = await testDb().select().from(rawFiles).where(and(eq(rawFiles.userId, user.id)));
			expect(rows).toEqual([]);
		}
		expect(await filesUnder(join(rawDir(), `user_${user.id}`))).toEqual([]);
	});

	it('a body that breaks off mid-stream is refused with how far it got', async () => {
		const user = await createTestUser();
		const { token } = await createUploadSession(user.id);
		const bytes = frames[5].bytes;
		const source = bodyOf(bytes).getReader();
		let sent = 0;
		const broken = new ReadableStream<Uint8Array>({
			async pull(controller) {
				if (sent >= 1_000_000) return controller.error(new Error('connection reset'));
				const { value } = await source.read();
				sent += value!.length;
				controller.enqueue(value!);
			}
		});
		await expect(receiveFile(user.id, token, 'x.fit', sha256Of(bytes), broken, String(bytes.length))).rejects.toMatchObject({
			status: 400,
			message: expect.stringMatching(/broke off after \d+ of 4152960 bytes \(connection reset\)/)
		});
		expect(await filesUnder(join(rawDir(), `user_${user.id}`))).toEqual([]);
	});
});
