import { eq } from 'drizzle-orm';
import type { DbOrTx } from '$lib/server/db';
import { jobFailures, stackingJobs } from '$lib/server/db/schema';
import { countStanding, recordNetwork, type Origin } from '$lib/server/trust';
import { afterFailure } from './after-failure';
import { confirmedFail } from './confirmed-fail';
import { giveBack } from './give-back';

/** Who gave up on a job: a worker's fail, or a lease it let run out. */
export interface FailOrigin extends Origin {
	/** A trusted token, or the job's owner. */
	trusted: boolean;
}

/**
 * Settles a held job that its holder gave up on, inside the caller's transaction. A trusted holder's
 * fail costs an attempt (retry after a backoff, `failed` at the bound); any other is recorded
 * (job_failures, the volunteer's standing), puts the job back at once with no attempt counted and
 * counts only once an independent volunteer has failed the job too. `backoff: false` makes a
 * counted fail due at once (an expired lease was its own wait).
 */
export async function settleFail(
	tx: DbOrTx,
	job: { id: number; retryCount: number },
	origin: FailOrigin,
	message: string,
	{ now, backoff = true }: { now: Date; backoff?: boolean }
): Promise<'pending' | 'retry' | 'failed'> {
	await recordNetwork(tx, origin.userId, origin.network);
	const counts = origin.trusted || (await confirmedFail(tx, job.id, origin));
	await tx.insert(jobFailures).values({ stackingJobId: job.id, userId: origin.userId, network: origin.network, trusted: origin.trusted ? 1 : 0, message });
	if (counts) {
		const next = afterFailure(job.retryCount, message, now);
		await tx.update(stackingJobs).set(backoff ? next : { ...next, runAt: null }).where(eq(stackingJobs.id, job.id));
		return next.status;
	}
	await countStanding(tx, origin.userId, 'failed');
	return giveBack(tx, job);
}
