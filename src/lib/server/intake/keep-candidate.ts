import { and, count, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { jobResults, stackingJobs } from '$lib/server/db/schema';
import { lockHeldJob } from '$lib/server/jobs';
import { candidatePath, stackStorage } from '$lib/server/storage';
import { deleteCandidates } from './accept-stack';
import type { JobContext } from './job-context';
import type { ResultRow } from './record-stack';
import { deleteQuietly, storeObjects } from './store-objects';

/** Results of untrusted volunteers a job may collect without two agreeing before it fails. */
export const MAX_RESULTS = 3;
export const DISAGREEMENT = 'volunteers returned different stacks';

/**
 * An untrusted volunteer's stack with no agreeing result yet: kept as a candidate, the job goes
 * back to `pending` for a different volunteer, or ends `failed` once MAX_RESULTS disagree.
 */
export async function keepCandidate(
	ctx: JobContext,
	leaseHash: string,
	stack: Uint8Array,
	result: ResultRow
): Promise<{ status: 'awaiting-agreement' | 'failed' }> {
	const { job } = ctx;
	const path = candidatePath(job.id, result.userId, result.stackSha256);
	const storage = stackStorage();
	await storeObjects(storage, [{ path, bytes: stack }]);
	let status: 'awaiting-agreement' | 'failed';
	try {
		status = await getDb().transaction(async (tx) => {
			await lockHeldJob(tx, job.id, leaseHash);
			await tx.insert(jobResults).values({
				stackingJobId: job.id,
				workerId: result.workerId,
				userId: result.userId,
				apiTokenId: result.apiTokenId,
				trusted: 0,
				network: result.network,
				stackSha256: result.stackSha256,
				storagePath: path,
				frames: result.frames,
				cpuMs: result.cpuMs,
				accepted: 0,
				spotCheck: result.spotCheck,
				checkedBands: result.checkedBands
			});
			// Results the spot check refused do not count: forgers cannot fail an honest job.
			const [{ n }] = await tx
				.select({ n: count() })
				.from(jobResults)
				.where(and(eq(jobResults.stackingJobId, job.id), eq(jobResults.spotCheck, 'passed')));
			const lease = { leaseTokenHash: null, leaseExpiresAt: null, runAt: null };
			if (n >= MAX_RESULTS) {
				await tx
					.update(stackingJobs)
					.set({ ...lease, status: 'failed', errorMessage: `${DISAGREEMENT} (${n} results, no two alike)`, completedAt: new Date() })
					.where(eq(stackingJobs.id, job.id));
				return 'failed' as const;
			}
			await tx.update(stackingJobs).set({ ...lease, status: 'pending' }).where(eq(stackingJobs.id, job.id));
			return 'awaiting-agreement' as const;
		});
	} catch (error) {
		await deleteQuietly(storage, [path]);
		throw error;
	}
	if (status === 'failed') await deleteCandidates(job.id);
	return { status };
}
