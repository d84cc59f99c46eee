import { getDb, type Db } from '$lib/server/db';
import { type Caller, ApiError } from '$lib/server/http';
import { claimOne, claimTogether } from './claim-batch';
import { leaseSeconds, MAX_ATTEMPTS } from './config';
import { QUEUE_TX } from './queue-tx';
import { jobFrames } from './job-frames';
import type { JobFile, JobTicket as WireTicket } from '$lib/api/jobs';
import { describeFiles } from './job-files';
import { sessionScrubbing } from './telescope-pseudonym';
import { newLeaseToken } from './lease-token';
import { releaseExpiredLeases } from './release-expired';
import { returnJob } from './return-job';
import { failJob } from './fail-job';
import { frameMissing } from './refusals';
import { StorageNotFound } from '$lib/server/storage';
import { recordNetwork, servedLast, standingOf } from '$lib/server/trust';
import { limitClaims } from './rate-limits';
import { logJob } from './job-log';

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
 * runs (pending before retry) offered to this volunteer (claim-rules.ts: not one they returned a
 * stack for or failed; a volunteer of poor standing last), locked with SKIP LOCKED and leased to
 * the worker, in one short READ COMMITTED transaction that claims which arrive together share
 * (claim-batch.ts). Only when nothing is due are expired leases returned first (the lease sweep
 * does that every 30 s), so a claim does not pay for them. Untrusted claims are rate-limited.
 */
export async function claimJob(
	caller: Caller,
	workerId: string,
	options: { db?: Db; now?: Date; tasks?: string[] } = {}
): Promise<JobTicket | null> {
	const { db = getDb(), now = new Date(), tasks = ['stack'] } = options;
	checkWorkerId(workerId);
	if (!caller.tokenTrusted) await limitClaims(caller.userId, now);
	const lease = newLeaseToken();
	const seconds = leaseSeconds();
	const request = {
		userId: caller.userId,
		trusted: caller.tokenTrusted,
		network: caller.network,
		servedLast: servedLast(await standingOf(db, caller.userId)),
		workerId,
		leaseHash: lease.hash,
		leaseSeconds: seconds
	};
	// A claim at a given time (tests, sweeps) runs alone; live claims share a batch when they coincide.
	let job = options.now ? null : await claimTogether(db, request, tasks);
	job ??= await db.transaction(async (tx) => {
		const next = await claimOne(tx, request, tasks, now);
		if (next || (await releaseExpiredLeases(now, tx)).length === 0) return next;
		return claimOne(tx, request, tasks, now);
	}, QUEUE_TX);
	if (!job) return null;
	logJob('claim', job.id, 'processing', { user: caller.userId, worker: workerId });
	await recordNetwork(db, caller.userId, caller.network);

	const scrub = await sessionScrubbing(db, job.uploadSessionId);
	let files: JobFile[];
	try {
		// frame_count is written with the job (finalize): a job of none costs no further query.
		files = job.frameCount > 0 ? await describeFiles(await jobFrames(db, job), scrub, db) : [];
	} catch (error) {
		if (error instanceof StorageNotFound) {
			// A frame is gone for good: an attempt that failed, so the job ends `failed` at the bound
			// instead of being handed out forever; this worker asks for the next job.
			await failJob(caller, job.id, lease.token, frameMissing(error), { now, byServer: true });
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
		telescope: job.telescope ? scrub.telescope(job.telescope) : null,
		frameCount: job.frameCount,
		leaseToken: lease.token,
		leaseSeconds: seconds,
		attempt: job.retryCount + 1,
		maxAttempts: MAX_ATTEMPTS,
		files
	};
}
