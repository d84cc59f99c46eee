import { getDb } from '$lib/server/db';
import type { JobStatus } from '$lib/api/jobs';
import type { Caller } from '$lib/server/http';
import { giveBack } from './give-back';
import { requireHeldJob } from './held-job';
import { logJob } from './job-log';

/**
 * Gives a held job back without counting an attempt (a worker shutting down): it is claimable
 * again at once, in the state it was claimed from.
 */
export async function returnJob(caller: Caller, jobId: number, leaseToken: string | null): Promise<{ status: JobStatus }> {
	const returned = await getDb().transaction(async (tx) => {
		const job = await requireHeldJob(tx, caller, jobId, leaseToken, { lock: true });
		return { status: await giveBack(tx, job) };
	});
	logJob('return', jobId, returned.status, { user: caller.userId });
	return returned;
}
