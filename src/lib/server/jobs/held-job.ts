import { eq } from 'drizzle-orm';
import { stackingJobs } from '$lib/server/db/schema';
import type { Caller } from '$lib/server/http';
import type { DbOrTx } from '$lib/server/db';
import { notHeld, staleLease } from './refusals';
import { hashLeaseToken } from './lease-token';

export type JobRow = typeof stackingJobs.$inferSelect;

/**
 * The job `jobId` as its current lease holder sees it: 404 unless the caller's user claimed it
 * last, 409 when the lease token is wrong, expired, or the job has left `processing`. With
 * `lock`, the row stays locked until the transaction ends.
 */
export async function requireHeldJob(
	db: DbOrTx,
	caller: Caller,
	jobId: number,
	leaseToken: string | null | undefined,
	{ lock = false, now = new Date() }: { lock?: boolean; now?: Date } = {}
): Promise<JobRow> {
	const query = db.select().from(stackingJobs).where(eq(stackingJobs.id, jobId));
	const [job] = lock ? await query.for('update') : await query;
	if (!job || job.claimedByUserId !== caller.userId) throw notHeld(jobId);
	const valid =
		job.status === 'processing' &&
		typeof leaseToken === 'string' &&
		job.leaseTokenHash === hashLeaseToken(leaseToken) &&
		job.leaseExpiresAt !== null &&
		job.leaseExpiresAt.getTime() > now.getTime();
	if (!valid) throw staleLease(jobId);
	return job;
}
