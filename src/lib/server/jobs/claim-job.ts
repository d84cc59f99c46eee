import { and, asc, eq, inArray, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm';
import { getDb, type Db, type DbOrTx } from '$lib/server/db';
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
import { frameMissing } from './refusals';
import { TRANSITIONS } from './states';
import { StorageNotFound } from '$lib/server/storage';

/** The wire ticket (src/lib/api/jobs.ts); this server always says which attempt it is and what kind of work. */
export type JobTicket = WireTicket & Required<Pick<WireTicket, 'attempt' | 'maxAttempts' | 'task'>>;

const WORKER_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function checkWorkerId(workerId: unknown): string {
	if (typeof workerId !== 'string' || !WORKER_ID.test(workerId)) {
		throw new ApiError(400, `workerId ${JSON.stringify(workerId)} is not 1-64 characters of A-Z, a-z, 0-9, '.', '_', '-'`);
	}
	return workerId;
}

/**
 * The claim transition (pending | retry -> processing): the oldest due job of a kind the worker
 * runs (pending before retry) that this volunteer has not already returned a stack for, locked
 * with SKIP LOCKED and leased to the worker, in one short READ COMMITTED transaction. Only when
 * nothing is due are expired leases returned first (the lease sweep does that every 30 s), so a
 * claim does not pay for them.
 */
export async function claimJob(
	caller: Caller,
	workerId: string,
	{ db = getDb(), now = new Date(), tasks = ['stack'] }: { db?: Db; now?: Date; tasks?: string[] } = {}
): Promise<JobTicket | null> {
	checkWorkerId(workerId);
	const lease = newLeaseToken();
	const seconds = leaseSeconds();
	const job = await db.transaction(async (tx) => {
		let next = await nextDue(tx, caller, tasks, now);
		if (!next && (await releaseExpiredLeases(now, tx)).length > 0) next = await nextDue(tx, caller, tasks, now);
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
		// frame_count is written with the job (finalize): a job of none costs no further query.
		files = job.frameCount > 0 ? await describeFiles(await jobFrames(db, job), db) : [];
	} catch (error) {
		if (error instanceof StorageNotFound) {
			// A frame is gone for good: an attempt that failed, so the job ends `failed` at the bound
			// instead of being handed out forever; this worker asks for the next job.
			await failJob(caller, job.id, lease.token, frameMissing(error), now);
			return claimJob(caller, workerId, { db, now, tasks });
		}
		// The frames cannot be read now (storage down): give the job back rather than lease it idle.
		await returnJob(caller, job.id, lease.token).catch(() => {});
		throw new ApiError(503, `job ${job.id}'s frames cannot be read right now (${(error as Error).message}); try again shortly`);
	}
	return {
		id: job.id,
		task: job.task,
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

/** The job the claim takes, locked; idx_status (status, created_at, id) gives the order without a sort. */
async function nextDue(tx: DbOrTx, caller: Caller, tasks: string[], now: Date) {
	const [next] = await tx
		.select({
			id: stackingJobs.id,
			task: stackingJobs.task,
			uploadSessionId: stackingJobs.uploadSessionId,
			chunkKey: stackingJobs.chunkKey,
			objectName: stackingJobs.objectName,
			telescope: stackingJobs.telescope,
			frameCount: stackingJobs.frameCount,
			retryCount: stackingJobs.retryCount
		})
		.from(stackingJobs)
		.where(
			and(
				inArray(stackingJobs.status, TRANSITIONS.claim.from),
				inArray(stackingJobs.task, tasks),
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
	return next;
}
