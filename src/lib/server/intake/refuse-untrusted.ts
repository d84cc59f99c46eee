import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { jobResults, stackingJobs } from '$lib/server/db/schema';
import { lockHeldJob } from '$lib/server/jobs';
import { countStanding } from '$lib/server/trust';
import type { JobContext } from './job-context';
import type { ResultRow } from './record-stack';

/**
 * An untrusted result the spot check contradicted: recorded (spot_check 'failed', so this volunteer
 * is not served the job again), the volunteer's standing marked `disagreed`, and the job given
 * back without counting an attempt, so forgers cannot use up an honest job's attempts.
 */
export async function refuseUntrusted(ctx: JobContext, leaseHash: string, result: ResultRow, message: string): Promise<void> {
	await getDb().transaction(async (tx) => {
		const { job } = ctx;
		await lockHeldJob(tx, job.id, leaseHash);
		await tx.insert(jobResults).values({
			stackingJobId: job.id,
			workerId: result.workerId,
			userId: result.userId,
			apiTokenId: result.apiTokenId,
			trusted: 0,
			network: result.network,
			stackSha256: result.stackSha256,
			frames: result.frames,
			cpuMs: result.cpuMs,
			accepted: 0,
			spotCheck: 'failed',
			checkedBands: result.checkedBands
		});
		await tx
			.update(stackingJobs)
			.set({ status: job.retryCount > 0 ? 'retry' : 'pending', leaseTokenHash: null, leaseExpiresAt: null, runAt: null, errorMessage: message.slice(0, 2000) })
			.where(eq(stackingJobs.id, job.id));
		await countStanding(tx, result.userId, 'disagreed');
	});
}
