import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { stackingJobs } from '$lib/server/db/schema';
import { afterFailure } from './after-failure';
import { type Caller, ApiError } from '$lib/server/http';
import { requireHeldJob } from './held-job';

/** Longest error kept; a worker's stack trace beyond it tells nothing more. */
const MAX_ERROR = 2000;

export function checkErrorMessage(error: unknown): string {
	if (typeof error !== 'string' || error.trim() === '') {
		throw new ApiError(400, 'error must be a non-empty string saying why the job failed');
	}
	return error.trim().slice(0, MAX_ERROR);
}

/**
 * The holder could not do the job: one attempt counted, its message kept, the job retried after
 * a backoff or, at the bound, ended `failed` with this message.
 */
export async function failJob(
	caller: Caller,
	jobId: number,
	leaseToken: string | null,
	error: string,
	now = new Date()
): Promise<{ status: 'retry' | 'failed' }> {
	const message = checkErrorMessage(error);
	return getDb().transaction(async (tx) => {
		const job = await requireHeldJob(tx, caller, jobId, leaseToken, { lock: true, now });
		const next = afterFailure(job.retryCount, message, now);
		await tx.update(stackingJobs).set(next).where(eq(stackingJobs.id, job.id));
		return { status: next.status };
	});
}
