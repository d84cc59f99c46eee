import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { stackingJobs } from '$lib/server/db/schema';
import { afterFailure } from './after-failure';
import { type Caller, ApiError } from '$lib/server/http';
import { requireHeldJob } from './held-job';
import { limitFails } from './rate-limits';
import { settleFail } from './settle-fail';
import { deleteCandidates } from './delete-candidates';
import { logJob } from './job-log';

/** Longest error kept; a worker's stack trace beyond it tells nothing more. */
const MAX_ERROR = 2000;

export function checkErrorMessage(error: unknown): string {
	if (typeof error !== 'string' || error.trim() === '') {
		throw new ApiError(400, 'error must be a non-empty string saying why the job failed');
	}
	return error.trim().slice(0, MAX_ERROR);
}

/**
 * The holder could not do the job (or the server, `byServer`: a frame is missing). Whether that
 * costs an attempt depends on who says so. The server, a trusted token or the job's owner: one
 * attempt counted, the message kept, the job retried after a backoff or, at the bound, `failed`.
 * Any other volunteer: the fail is recorded (job_failures, their standing), the job goes back to
 * the queue at once with no attempt counted and is never offered to them again; it counts only
 * when an independent volunteer has failed the job too. Such fails are rate-limited (FAIL_LIMIT),
 * so one account cannot use up every job's attempts.
 */
export async function failJob(
	caller: Caller,
	jobId: number,
	leaseToken: string | null,
	error: string,
	{ now = new Date(), byServer = false }: { now?: Date; byServer?: boolean } = {}
): Promise<{ status: 'pending' | 'retry' | 'failed' }> {
	const message = checkErrorMessage(error);
	const settled = await getDb().transaction(async (tx) => {
		const job = await requireHeldJob(tx, caller, jobId, leaseToken, { lock: true, now });
		if (byServer) {
			const next = afterFailure(job.retryCount, message, now);
			await tx.update(stackingJobs).set(next).where(eq(stackingJobs.id, job.id));
			return { status: next.status };
		}
		const trusted = caller.tokenTrusted || caller.userId === job.userId;
		if (!trusted) await limitFails(caller.userId, now);
		const origin = { userId: caller.userId, network: caller.network, trusted };
		return { status: await settleFail(tx, job, origin, message, { now }) };
	});
	logJob('fail', jobId, settled.status, { user: caller.userId, byServer: byServer || undefined, reason: message });
	if (settled.status === 'failed') await deleteCandidates(jobId);
	return settled;
}
