import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm';
import { getDb, type Db } from '$lib/server/db';
import { jobResults, stackingJobs } from '$lib/server/db/schema';
import { type Caller, ApiError } from '$lib/server/http';
import { leaseSeconds, MAX_ATTEMPTS } from './config';
import { QUEUE_TX } from './queue-tx';
import { jobFrames } from './job-frames';
import type { JobFile, JobTicket as WireTicket } from '$lib/api/jobs';
import { describeFiles } from './job-files';
import { newLeaseToken } from './lease-token';
import { releaseExpiredLeases } from './release-expired';
import { returnJob } from './return-job';
import { failJob } from './fail-job';
import { StorageNotFound } from '$lib/server/storage';

/** The wire ticket (src/lib/api/jobs.ts); this server always says which attempt it is. */
export type JobTicket = WireTicket & Required<Pick<WireTicket, 'attempt' | 'maxAttempts'>>;

const WORKER_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function checkWorkerId(workerId: unknown): string {
	if (typeof workerId !== 'string' || !WORKER_ID.test(workerId)) {
		throw new ApiError(400, `workerId ${JSON.stringify(workerId)} is not 1-64 characters of A-Z, a-z, 0-9, '.', '_', '-'`);
	}
	return workerId;
}

/**
 * The next job for this worker, or null: in one transaction, expired leases go back to the queue,
 * then the oldest due job (pending before retry) that this volunteer has not already returned a
 * stack for is locked with SKIP LOCKED and leased to the worker.
 */
export async function claimJob(
	caller: Caller,
	workerId: string,
	{ db = getDb(), now = new Date() }: { db?: Db; now?: Date } = {}
): Promise<JobTicket | null> {
	checkWorkerId(workerId);
	const lease = newLeaseToken();
	const seconds = leaseSeconds();
	const job = await db.transaction(async (tx) => {
		await releaseExpiredLeases(now, tx);
		const [next] = await tx
			.select()
			.from(stackingJobs)
			.where(
				and(
					inArray(stackingJobs.status, ['pending', 'retry']),
					or(isNull(stackingJobs.runAt), lte(stackingJobs.runAt, now)),
					lt(stackingJobs.retryCount, MAX_ATTEMPTS),
					notExists(
						tx
							.select({ one: sql`1` })
							.from(jobResults)
							.where(and(eq(jobResults.stackingJobId, stackingJobs.id), eq(jobResults.userId, caller.userId)))
					)
				)
			)
			.orderBy(asc(stackingJobs.status), asc(stackingJobs.createdAt), asc(stackingJobs.id))
			.limit(1)
			.for('update', { skipLocked: true });
		if (!next) return null;
		const held = {
			status: 'processing' as const,
			workerId,
			claimedByUserId: caller.userId,
			startedAt: now,
			leaseTokenHash: lease.hash,
			leaseExpiresAt: new Date(now.getTime() + seconds * 1000),
			runAt: null,
			progressStage: null,
			progressDone: null,
			progressTotal: null
		};
		await tx.update(stackingJobs).set(held).where(eq(stackingJobs.id, next.id));
		return { ...next, ...held };
	}, QUEUE_TX);
	if (!job) return null;

	let files: JobFile[];
	try {
		files = await describeFiles(await jobFrames(db, job), db);
	} catch (error) {
		if (error instanceof StorageNotFound) {
			// A frame is gone for good: an attempt that failed, so the job ends `failed` at the bound
			// instead of being handed out forever; this worker asks for the next job.
			await failJob(caller, job.id, lease.token, `a frame of this job is missing from storage (${error.message})`, now);
			return claimJob(caller, workerId, { db, now });
		}
		// The frames cannot be read now (storage down): give the job back rather than lease it idle.
		await returnJob(caller, job.id, lease.token).catch(() => {});
		throw new ApiError(503, `job ${job.id}'s frames cannot be read right now (${(error as Error).message}); try again shortly`);
	}
	return {
		id: job.id,
		chunkKey: job.chunkKey,
		object: job.objectName,
		telescope: job.telescope || null,
		frameCount: job.frameCount,
		leaseToken: lease.token,
		leaseSeconds: seconds,
		attempt: job.retryCount + 1,
		maxAttempts: MAX_ATTEMPTS,
		files
	};
}
