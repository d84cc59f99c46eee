import { getDb } from '$lib/server/db';
import { jobResults } from '$lib/server/db/schema';
import { giveBack, lockHeldJob, logJob } from '$lib/server/jobs';
import { countStanding } from '$lib/server/trust';
import type { JobContext } from './job-context';
import { resultValues, type ResultRow } from './record-stack';

/**
 * An untrusted result the spot check contradicted: recorded (spot_check 'failed', so this volunteer
 * is not served the job again), the volunteer's standing marked `disagreed`, and the job given
 * back without counting an attempt, so forgers cannot use up an honest job's attempts.
 */
export async function refuseUntrusted(ctx: JobContext, leaseHash: string, result: ResultRow, message: string): Promise<void> {
	const status = await getDb().transaction(async (tx) => {
		const { job } = ctx;
		await lockHeldJob(tx, job.id, leaseHash);
		await tx.insert(jobResults).values(resultValues(job.id, result, { storagePath: null, accepted: false, spotCheck: 'failed' }));
		const back = await giveBack(tx, job, { errorMessage: message.slice(0, 2000) });
		await countStanding(tx, result.userId, 'disagreed');
		return back;
	});
	logJob('refuse', ctx.job.id, status, { user: result.userId, worker: result.workerId, reason: message });
}
