import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Db } from '$lib/server/db';
import { jobResults, rawFiles, stackedFrames, stackingJobs, uploadSessions } from '$lib/server/db/schema';
import { MAX_ATTEMPTS } from '$lib/server/jobs/config';
import type { JobStatusView, SessionStatus, StatusSnapshot } from '$lib/api/status';

/** The Status page lists this many sessions at most: the stream re-reads them every second. */
export const SNAPSHOT_SESSION_LIMIT = 50;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * The user's upload sessions, newest first, each with its frame counts and its jobs (with the
 * stack id of a completed one). Two queries whatever the number of sessions and jobs.
 */
export async function statusSnapshot(userId: number, db: Db = getDb()): Promise<StatusSnapshot> {
	// Frame counts per session of this user, joined in (raw_files.user_id is indexed).
	const counts = db
		.select({
			sessionId: rawFiles.uploadSessionId,
			frames: count().as('frames'),
			stored: sql<string>`SUM(${rawFiles.isDeleted} = 0)`.as('stored')
		})
		.from(rawFiles)
		.where(eq(rawFiles.userId, userId))
		.groupBy(rawFiles.uploadSessionId)
		.as('counts');
	const sessionRows = await db
		.select({
			id: uploadSessions.id,
			token: uploadSessions.sessionToken,
			status: uploadSessions.status,
			object: uploadSessions.objectName,
			createdAt: uploadSessions.createdAt,
			updatedAt: uploadSessions.updatedAt,
			completedAt: uploadSessions.completedAt,
			frames: counts.frames,
			stored: counts.stored
		})
		.from(uploadSessions)
		.leftJoin(counts, eq(counts.sessionId, uploadSessions.id))
		.where(eq(uploadSessions.userId, userId))
		.orderBy(desc(uploadSessions.createdAt), desc(uploadSessions.id))
		.limit(SNAPSHOT_SESSION_LIMIT + 1);
	const listed = sessionRows.slice(0, SNAPSHOT_SESSION_LIMIT);
	const jobs = listed.length === 0 ? new Map<number, JobStatusView[]>() : await jobsOf(db, userId, listed.map((s) => s.id));

	const sessions: SessionStatus[] = listed.map(({ id, createdAt, updatedAt, completedAt, frames, stored, ...row }) => ({
		...row,
		frames: Number(frames ?? 0),
		framesStored: Number(stored ?? 0),
		createdAt: createdAt.toISOString(),
		updatedAt: updatedAt.toISOString(),
		completedAt: iso(completedAt),
		jobs: jobs.get(id) ?? []
	}));
	return { maxAttempts: MAX_ATTEMPTS, sessions, more: sessionRows.length > SNAPSHOT_SESSION_LIMIT };
}

/** The sessions' jobs, oldest first within each session, keyed by session id. */
async function jobsOf(db: Db, userId: number, sessionIds: number[]): Promise<Map<number, JobStatusView[]>> {
	const rows = await db
		.select({
			sessionId: stackingJobs.uploadSessionId,
			id: stackingJobs.id,
			chunkKey: stackingJobs.chunkKey,
			object: stackingJobs.objectName,
			telescope: stackingJobs.telescope,
			frames: stackingJobs.frameCount,
			status: stackingJobs.status,
			workerId: stackingJobs.workerId,
			attempts: stackingJobs.retryCount,
			lastError: stackingJobs.errorMessage,
			stage: stackingJobs.progressStage,
			done: stackingJobs.progressDone,
			total: stackingJobs.progressTotal,
			startedAt: stackingJobs.startedAt,
			completedAt: stackingJobs.completedAt,
			stackId: stackedFrames.id,
			// Candidates: untrusted stacks kept until a second volunteer's agrees (see jobResults).
			candidates: sql<string>`(SELECT COUNT(*) FROM ${jobResults} WHERE ${jobResults.stackingJobId} = ${stackingJobs.id} AND ${jobResults.accepted} = 0 AND ${jobResults.storagePath} IS NOT NULL)`
		})
		.from(stackingJobs)
		.leftJoin(stackedFrames, eq(stackedFrames.stackingJobId, stackingJobs.id))
		.where(and(eq(stackingJobs.userId, userId), inArray(stackingJobs.uploadSessionId, sessionIds)))
		.orderBy(asc(stackingJobs.chunkKey), asc(stackingJobs.id));
	const bySession = new Map<number, JobStatusView[]>();
	for (const { sessionId, stage, done, total, startedAt, completedAt, telescope, candidates, ...row } of rows) {
		const job: JobStatusView = {
			...row,
			awaitingConfirmation: row.status === 'pending' && Number(candidates) > 0,
			// '' stands for "no telescope named" in the column (see schema.sql).
			telescope: telescope || null,
			progress: stage ? { stage, done, total } : null,
			startedAt: iso(startedAt),
			completedAt: iso(completedAt)
		};
		const list = bySession.get(sessionId);
		if (list) list.push(job);
		else bySession.set(sessionId, [job]);
	}
	return bySession;
}
