import { and, eq, sql } from 'drizzle-orm';
import type { ReceivedFile } from '$lib/api/uploads';
import { chunkKey, type FrameInfo } from '$lib/chunks';
import { chargeStorage, getDb, type DbOrTx } from '$lib/server/db';
import { rawFiles, uploadSessions } from '$lib/server/db/schema';
import { newRawFilePath, rawStorage, type Storage } from '$lib/server/storage';
import { userCadence } from './cadence';
import { ApiError } from '$lib/server/http';
import { volunteerScrubbing } from '$lib/server/jobs';
import { hashingStream } from './hashing-stream';
import { findOwnSession, requireUploading } from './own-session';
import { requireRoom } from './quota';
import { readFrame } from './read-frame';
import { requireContentLength, requireFileName, requireSha256 } from './validate';
import { errorFields, log } from '$lib/server/log';

/**
 * Streams one frame into the user's session: stored under an id-made path while hashed, then
 * checked (FITS header, DATE-OBS, the claimed SHA-256) and recorded with the session's counters in
 * one transaction, the owner charged for its bytes (413 when they would exceed the quota). A
 * refusal or a failure deletes what was stored: the file is either stored and
 * recorded, or gone. A frame this user already has is answered as a duplicate and kept once.
 */
export async function receiveFile(
	userId: number,
	token: string,
	name: unknown,
	sha256: unknown,
	body: ReadableStream<Uint8Array> | null,
	contentLength: string | null
): Promise<ReceivedFile> {
	const db = getDb();
	const session = await findOwnSession(db, userId, token);
	requireUploading(session);
	const fileName = requireFileName(name);
	const claimed = requireSha256(sha256);
	const size = requireContentLength(contentLength);
	if (!body) throw new ApiError(400, 'the request has no body: send the file bytes');
	// Refused before a byte is stored; the recording transaction checks again under the lock.
	await requireRoom(db, userId, size, fileName);

	const storage = rawStorage();
	const path = newRawFilePath(userId, session.id);
	const stream = hashingStream(body, size, volunteerScrubbing(token));
	try {
		await storage.put(path, stream.chunks);
	} catch (error) {
		await deleteQuietly(storage, path);
		throw stream.failure() ?? error;
	}
	try {
		const { bytes, sha256: actual, scrubbedSha256, head } = stream.digest();
		const frame = readFrame(head, bytes, fileName);
		if (actual !== claimed) {
			throw new ApiError(400, `${fileName}: the bytes received hash to ${actual}, not the sha256 ${claimed} sent with them; send the file again`);
		}
		const outcome = await db.transaction((tx) => record(tx, userId, token, path, frame, fileName, { sha256: actual, scrubbedSha256 }));
		if (outcome.duplicate) await storage.delete(path);
		return outcome;
	} catch (error) {
		// A commit can land while its answer is lost (the database stopped at that moment): the row
		// then names this path, and deleting the bytes would lose the frame. Delete only when sure.
		if (!(await recordedAt(db, path))) await deleteQuietly(storage, path);
		throw error;
	}
}

/** Whether a raw_files row names `path`; when the database cannot say, assume it does (keep the bytes). */
async function recordedAt(db: DbOrTx, path: string): Promise<boolean> {
	try {
		const [row] = await db.select({ id: rawFiles.id }).from(rawFiles).where(eq(rawFiles.storagePath, path)).limit(1);
		return row !== undefined;
	} catch (error) {
		log('error', 'upload-kept', { path, why: 'cannot check whether it was recorded', ...errorFields(error) });
		return true;
	}
}

async function record(
	tx: DbOrTx,
	userId: number,
	token: string,
	path: string,
	frame: FrameInfo,
	fileName: string,
	{ sha256, scrubbedSha256 }: { sha256: string; scrubbedSha256: string | null }
): Promise<ReceivedFile> {
	// The users row lock serialises this user's uploads, so two copies of one frame sent at
	// once cannot both pass the duplicate check; the session lock orders us with finalize/expiry.
	const cadence = await userCadence(tx, userId, { lock: true });
	const session = await findOwnSession(tx, userId, token, { lock: true });
	requireUploading(session);
	const now = new Date();

	const [existing] = await tx
		.select({ id: rawFiles.id, chunkKey: rawFiles.chunkKey })
		.from(rawFiles)
		.where(and(eq(rawFiles.userId, userId), eq(rawFiles.sha256, sha256), eq(rawFiles.isDeleted, 0)))
		.limit(1);
	if (existing) {
		await tx.update(uploadSessions).set({ updatedAt: now }).where(eq(uploadSessions.id, session.id));
		return { id: existing.id, name: fileName, sha256, chunkKey: existing.chunkKey, duplicate: true };
	}

	// Under the users row lock: concurrent uploads of one user are charged one after another.
	await requireRoom(tx, userId, frame.size, fileName);
	const key = chunkKey(frame.dateObs, cadence, frame.ra, frame.dec);
	const [{ id }] = await tx
		.insert(rawFiles)
		.values({
			uploadSessionId: session.id,
			userId,
			filename: fileName,
			storagePath: path,
			fileSizeBytes: frame.size,
			sha256,
			scrubbedSha256,
			fitsDateObs: new Date(frame.dateObs),
			fitsObject: frame.object?.slice(0, 255) ?? null,
			fitsExptime: frame.exptime,
			fitsRa: frame.ra,
			fitsDec: frame.dec,
			telescope: frame.telescope?.slice(0, 64) ?? null,
			healpix: frame.healpix,
			chunkKey: key
		})
		.$returningId();
	await chargeStorage(tx, userId, frame.size);
	await updateCounters(tx, session.id, frame, now);
	return { id, name: fileName, sha256, chunkKey: key, duplicate: false };
}

/** Counters recomputed from the rows, so they stay right whatever happened before. */
async function updateCounters(tx: DbOrTx, sessionId: number, first: FrameInfo, now: Date): Promise<void> {
	const live = sql`FROM ${rawFiles} WHERE ${rawFiles.uploadSessionId} = ${sessionId} AND ${rawFiles.isDeleted} = 0`;
	await tx
		.update(uploadSessions)
		.set({
			fileCount: sql`(SELECT COUNT(*) ${live})`,
			totalSizeMb: sql`(SELECT COALESCE(ROUND(SUM(${rawFiles.fileSizeBytes}) / 1048576, 2), 0) ${live})`,
			objectName: sql`COALESCE(${uploadSessions.objectName}, ${first.object?.slice(0, 255) ?? null})`,
			raDeg: sql`COALESCE(${uploadSessions.raDeg}, ${first.ra})`,
			decDeg: sql`COALESCE(${uploadSessions.decDeg}, ${first.dec})`,
			updatedAt: now
		})
		.where(eq(uploadSessions.id, sessionId));
}

/** Cleanup after a refusal must not hide the refusal; a leftover is logged for the operator. */
async function deleteQuietly(storage: Storage, path: string): Promise<void> {
	try {
		await storage.delete(path);
	} catch (error) {
		log('error', 'delete-failed', { path, storage: storage.describe, why: 'refused upload', ...errorFields(error) });
	}
}
