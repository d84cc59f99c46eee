import { and, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { jobFailures, jobResults, stackingJobs } from '$lib/server/db/schema';
import { ApiError, notFound } from '$lib/server/http';
import { deleteCandidates } from './delete-candidates';
import { logJob } from './job-log';

/**
 * The owner runs a failed job again (failed -> pending): attempts, error, fails and unaccepted
 * results are cleared, so every volunteer may take it afresh; the candidate stacks go once the
 * rows no longer name them. 404 for a job that is not the caller's, 409 for one not failed.
 */
export async function rerunJob(userId: number, jobId: number): Promise<{ status: 'pending' }> {
	await getDb().transaction(async (tx) => {
		const [job] = await tx
			.select({ status: stackingJobs.status })
			.from(stackingJobs)
			.where(and(eq(stackingJobs.id, jobId), eq(stackingJobs.userId, userId)))
			.for('update');
		if (!job) throw notFound(`job ${jobId}`);
		if (job.status !== 'failed') throw new ApiError(409, `job ${jobId} is ${job.status}, not failed: only a failed job can be run again`);
		await tx.delete(jobFailures).where(eq(jobFailures.stackingJobId, jobId));
		await tx.delete(jobResults).where(and(eq(jobResults.stackingJobId, jobId), eq(jobResults.accepted, 0)));
		await tx
			.update(stackingJobs)
			.set({
				status: 'pending',
				retryCount: 0,
				errorMessage: null,
				runAt: null,
				startedAt: null,
				completedAt: null,
				workerId: null,
				claimedByUserId: null,
				progressStage: null,
				progressDone: null,
				progressTotal: null
			})
			.where(eq(stackingJobs.id, jobId));
	});
	logJob('rerun', jobId, 'pending', { user: userId });
	await deleteCandidates(jobId);
	return { status: 'pending' };
}
