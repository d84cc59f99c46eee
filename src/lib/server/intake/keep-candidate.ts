import { and, countDistinct, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { jobResults, stackingJobs } from '$lib/server/db/schema';
import { lockHeldJob, logJob, MAX_DISAGREEING_RESULTS } from '$lib/server/jobs';
import { candidatePath, stackStorage } from '$lib/server/storage';
import type { JobContext } from './job-context';
import { resultValues, type ResultRow } from './record-stack';
import { deleteQuietly, storeObjects } from './store-objects';

/**
 * An untrusted volunteer's checked stack with no agreeing result yet: kept as a candidate and the
 * job goes back to `pending` for a different volunteer. After MAX_DISAGREEING_RESULTS checked
 * stacks no two alike it stays pending but parked (jobs/claim-rules.ts): only a trusted runner or
 * the owner settles it, so colluding accounts that slip past the spot check cannot fail it.
 */
export async function keepCandidate(
	ctx: JobContext,
	leaseHash: string,
	stack: Uint8Array,
	result: ResultRow
): Promise<{ status: 'awaiting-agreement' }> {
	const { job } = ctx;
	const path = candidatePath(job.id, result.userId, result.stackSha256);
	const storage = stackStorage();
	await storeObjects(storage, [{ path, bytes: stack }]);
	try {
		await getDb().transaction(async (tx) => {
			await lockHeldJob(tx, job.id, leaseHash);
			await tx.insert(jobResults).values(resultValues(job.id, result, { storagePath: path, accepted: false }));
			const [{ n }] = await tx
				.select({ n: countDistinct(jobResults.stackSha256) })
				.from(jobResults)
				.where(and(eq(jobResults.stackingJobId, job.id), eq(jobResults.spotCheck, 'passed'), eq(jobResults.accepted, 0)));
			const parked = n >= MAX_DISAGREEING_RESULTS ? `volunteers returned ${n} different checked stacks; waiting for a trusted runner or the owner's browser` : null;
			await tx
				.update(stackingJobs)
				.set({ leaseTokenHash: null, leaseExpiresAt: null, runAt: null, status: 'pending', errorMessage: parked })
				.where(eq(stackingJobs.id, job.id));
		});
	} catch (error) {
		await deleteQuietly(storage, [path]);
		throw error;
	}
	logJob('await', job.id, 'pending', { user: result.userId, worker: result.workerId });
	return { status: 'awaiting-agreement' };
}
