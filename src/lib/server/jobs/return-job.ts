import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import type { JobStatus } from '$lib/api/jobs';
import { stackingJobs } from '$lib/server/db/schema';
import type { Caller } from '$lib/server/http';
import { requireHeldJob } from './held-job';

/**
 * Gives a held job back without counting an attempt (a worker shutting down): it is claimable
 * again at once, in the state it was claimed from.
 */
export async function returnJob(caller: Caller, jobId: number, leaseToken: string | null): Promise<{ status: JobStatus }> {
	return getDb().transaction(async (tx) => {
		const job = await requireHeldJob(tx, caller, jobId, leaseToken, { lock: true });
		const status = job.retryCount > 0 ? 'retry' : 'pending';
		await tx
			.update(stackingJobs)
			.set({ status, leaseTokenHash: null, leaseExpiresAt: null, runAt: null })
			.where(eq(stackingJobs.id, job.id));
		return { status };
	});
}
