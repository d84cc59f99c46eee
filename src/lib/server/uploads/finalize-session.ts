import { and, eq, inArray, sql } from 'drizzle-orm';
import { groupChunks, type Chunk, type FrameInfo } from '$lib/chunks';
import { getDb, type DbOrTx } from '$lib/server/db';
import { rawFiles, stackingJobs, uploadSessions } from '$lib/server/db/schema';
import { userCadence } from './cadence';
import type { FinalizeResult } from '$lib/api/uploads';
import { ApiError } from '$lib/server/http';
import { findOwnSession, requireUploading } from './own-session';
import { sessionJobs } from './session-jobs';
import { logJob } from '$lib/server/jobs';

type RawFileRow = typeof rawFiles.$inferSelect;

/**
 * Turns the session's frames into stacking jobs, one per chunk, in one transaction under the
 * session's row lock: the frames are regrouped together (a file's key at upload time saw only
 * itself) and each raw_files.chunk_key is set to its group's key, so jobs and files agree. A
 * replay (the session is already complete) returns the same jobs and creates none.
 */
export async function finalizeSession(userId: number, token: string): Promise<FinalizeResult> {
	const result = await getDb().transaction(async (tx) => {
		const session = await findOwnSession(tx, userId, token, { lock: true });
		if (session.status === 'complete') return { jobs: await sessionJobs(tx, session.id), created: 0 };
		requireUploading(session);

		const rows = await tx
			.select()
			.from(rawFiles)
			.where(and(eq(rawFiles.uploadSessionId, session.id), eq(rawFiles.isDeleted, 0)));
		if (rows.length === 0) {
			throw new ApiError(409, 'This upload session has no files yet: upload frames before finalizing');
		}
		const chunks = groupRows(rows, await userCadence(tx, userId));
		const before = (await sessionJobs(tx, session.id)).length;
		for (const { chunk, ids } of chunks) {
			await tx.update(rawFiles).set({ chunkKey: chunk.key }).where(inArray(rawFiles.id, ids));
		}
		await tx
			.insert(stackingJobs)
			.values(
				chunks.map(({ chunk }) => ({
					userId,
					uploadSessionId: session.id,
					chunkKey: chunk.key,
					pointingKey: chunk.key.slice(chunk.key.indexOf('_') + 1),
					objectName: chunk.object?.slice(0, 255) ?? null,
					telescope: chunk.telescope?.slice(0, 64) ?? '',
					healpix: chunk.healpix,
					frameCount: chunk.frames.length
				}))
			)
			// The unique (session, chunk, telescope) key: a job that exists stays as it is.
			.onDuplicateKeyUpdate({ set: { id: sql`${stackingJobs.id}` } });
		const now = new Date();
		await tx
			.update(uploadSessions)
			.set({ status: 'complete', completedAt: now, updatedAt: now })
			.where(eq(uploadSessions.id, session.id));
		const jobs = await sessionJobs(tx, session.id);
		return { jobs, created: jobs.length - before };
	});
	// The new jobs are the last ones: ids grow, and sessionJobs lists them by id.
	for (const job of result.jobs.slice(result.jobs.length - result.created)) logJob('create', job.id, 'pending', { user: userId, frames: job.frameCount });
	return result;
}

/** Chunks of the rows' frames, each with the raw_files ids it holds. */
function groupRows(rows: RawFileRow[], cadence: Parameters<typeof groupChunks>[1]): { chunk: Chunk; ids: number[] }[] {
	const idOf = new Map<FrameInfo, number>();
	for (const row of rows) idOf.set(frameOf(row), row.id);
	return groupChunks([...idOf.keys()], cadence).map((chunk) => ({
		chunk,
		ids: chunk.frames.map((frame) => {
			const id = idOf.get(frame);
			if (id === undefined) throw new Error(`groupChunks returned a frame it was not given: ${frame.name}`);
			return id;
		})
	}));
}

/** A stored row back as the frame the browser saw (DATE-OBS to the second, as the column keeps it). */
function frameOf(row: RawFileRow): FrameInfo {
	if (row.fitsDateObs === null || row.fitsRa === null || row.fitsDec === null || row.healpix === null) {
		throw new Error(`raw_files ${row.id} lacks the header fields an upload records`);
	}
	return {
		name: row.filename,
		size: row.fileSizeBytes,
		dateObs: row.fitsDateObs.getTime(),
		exptime: row.fitsExptime ?? 0,
		ra: row.fitsRa,
		dec: row.fitsDec,
		object: row.fitsObject,
		telescope: row.telescope,
		filter: null,
		instrument: null,
		healpix: row.healpix
	};
}
