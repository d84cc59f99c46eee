import { and, eq, inArray, isNotNull, like } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { jobResults, stackingJobs } from '$lib/server/db/schema';
import { CANDIDATES, candidatesFolder, stackStorage } from '$lib/server/storage';

const CANDIDATE_PATHS = `${CANDIDATES}/%`;

/**
 * A decided job (completed, failed, or run again) needs none of its candidate stacks: the folder
 * goes, then the rows stop naming it. Idempotent, so a crash between the two is finished by the sweep.
 */
export async function deleteCandidates(jobId: number): Promise<void> {
	await stackStorage().deleteTree(candidatesFolder(jobId));
	await getDb()
		.update(jobResults)
		.set({ storagePath: null })
		.where(and(eq(jobResults.stackingJobId, jobId), like(jobResults.storagePath, CANDIDATE_PATHS)));
}

/** The sweep's step: candidates left by jobs that ended while no request was there to remove them (a lease that ran out, a crash). */
export async function deleteSettledCandidates(): Promise<number> {
	const rows = await getDb()
		.selectDistinct({ jobId: jobResults.stackingJobId })
		.from(jobResults)
		.innerJoin(stackingJobs, eq(stackingJobs.id, jobResults.stackingJobId))
		.where(and(isNotNull(jobResults.storagePath), like(jobResults.storagePath, CANDIDATE_PATHS), inArray(stackingJobs.status, ['completed', 'failed'])));
	for (const { jobId } of rows) await deleteCandidates(jobId);
	return rows.length;
}
