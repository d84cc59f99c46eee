import { eq } from 'drizzle-orm';
import type { JobProgress } from '$lib/api/jobs';
import { getDb } from '$lib/server/db';
import { stackingJobs } from '$lib/server/db/schema';
import { type Caller, ApiError, INT_UNSIGNED_MAX, wholeNumber } from '$lib/server/http';
import { leaseSeconds } from './config';
import { requireHeldJob } from './held-job';

/** A heartbeat body: any part of the wire's progress. */
export type Progress = Partial<JobProgress>;

const STAGE = /^[a-z-]{1,16}$/;

/** `{ stage?, done?, total? }` from a heartbeat body; anything else is a 400 naming the field. */
export function parseProgress(body: unknown): Progress {
	if (body === null || body === undefined) return {};
	if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'the heartbeat body must be { stage?, done?, total? }');
	const { stage, done, total } = body as Record<string, unknown>;
	if (stage !== undefined && (typeof stage !== 'string' || !STAGE.test(stage))) {
		throw new ApiError(400, `stage ${JSON.stringify(stage)} must be 1-16 characters of a-z and '-'`);
	}
	const count = (value: unknown, name: string) => (value === undefined ? undefined : wholeNumber(value, name, 0, INT_UNSIGNED_MAX));
	return { stage: stage as string | undefined, done: count(done, 'done'), total: count(total, 'total') };
}

/** Heartbeat: the holder's lease runs for another LEASE_SECONDS from now; progress is recorded. */
export async function renewLease(
	caller: Caller,
	jobId: number,
	leaseToken: string | null,
	progress: Progress = {},
	now = new Date()
): Promise<{ leaseExpiresAt: Date }> {
	return getDb().transaction(async (tx) => {
		const job = await requireHeldJob(tx, caller, jobId, leaseToken, { lock: true, now });
		const leaseExpiresAt = new Date(now.getTime() + leaseSeconds() * 1000);
		await tx
			.update(stackingJobs)
			.set({
				leaseExpiresAt,
				...(progress.stage !== undefined && { progressStage: progress.stage }),
				...(progress.done !== undefined && { progressDone: progress.done }),
				...(progress.total !== undefined && { progressTotal: progress.total })
			})
			.where(eq(stackingJobs.id, job.id));
		return { leaseExpiresAt };
	});
}
