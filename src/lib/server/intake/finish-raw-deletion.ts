import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { rawFiles, stackedFrames, stackingJobs, users } from '$lib/server/db/schema';
import { jobFrames } from '$lib/server/jobs/job-frames';
import { DELETES_RAWS, deleteRaws } from './delete-raws';

/**
 * Raws that acceptance should have deleted but a crash (or a storage failure) left: free and pro
 * frames of a job whose stack is recorded and verified (owner, trusted runner or crowd: a stack
 * without verified_by, from before the trust model, keeps its raws). Deletes them now; the number deleted. Safe to run on
 * several instances at once: deleting a file twice and marking a row twice change nothing.
 */
export async function finishRawDeletion(): Promise<number> {
	const db = getDb();
	const jobs = await db
		.selectDistinct({
			id: stackingJobs.id,
			uploadSessionId: stackingJobs.uploadSessionId,
			chunkKey: stackingJobs.chunkKey,
			telescope: stackingJobs.telescope,
			tier: users.tier
		})
		.from(stackingJobs)
		.innerJoin(stackedFrames, and(eq(stackedFrames.stackingJobId, stackingJobs.id), isNotNull(stackedFrames.verifiedBy)))
		.innerJoin(users, eq(users.id, stackingJobs.userId))
		.innerJoin(
			rawFiles,
			and(eq(rawFiles.uploadSessionId, stackingJobs.uploadSessionId), eq(rawFiles.chunkKey, stackingJobs.chunkKey), eq(rawFiles.isDeleted, 0))
		)
		.where(inArray(users.tier, [...DELETES_RAWS]));
	let deleted = 0;
	for (const job of jobs) deleted += await deleteRaws(job.tier, await jobFrames(db, job));
	return deleted;
}
