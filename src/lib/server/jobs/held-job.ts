import { and, eq, getTableColumns, gt, sql, type SQL } from 'drizzle-orm';
import { stackingJobs } from '$lib/server/db/schema';
import type { Caller } from '$lib/server/http';
import type { DbOrTx } from '$lib/server/db';
import { notHeld, staleLease } from './refusals';
import { hashLeaseToken } from './lease-token';

export type JobRow = typeof stackingJobs.$inferSelect;

/**
 * The lease rule, the one place it is written: the job is `processing` under the lease whose
 * token hashes to `leaseHash`, and that lease has not run out at `now`. Who holds it is the
 * token's business; `requireHeldJob` also checks the user only to answer 404 rather than 409.
 */
export function leaseHeld(leaseHash: string, now: Date): SQL {
	return and(
		eq(stackingJobs.status, 'processing'),
		eq(stackingJobs.leaseTokenHash, leaseHash),
		gt(stackingJobs.leaseExpiresAt, now)
	)!;
}

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
	const held = typeof leaseToken === 'string' ? leaseHeld(hashLeaseToken(leaseToken), now) : sql`FALSE`;
	const query = db
		.select({ ...getTableColumns(stackingJobs), held: sql<number>`(${held})`.mapWith(Number) })
		.from(stackingJobs)
		.where(eq(stackingJobs.id, jobId));
	const [row] = lock ? await query.for('update') : await query;
	if (!row || row.claimedByUserId !== caller.userId) throw notHeld(jobId);
	if (!row.held) throw staleLease(jobId);
	const { held: _, ...job } = row;
	return job;
}

/**
 * Locks the job for a transition that must happen under the lease `leaseHash` (recording a
 * stack, keeping a candidate); 409 when the lease is gone. Ends with the transaction.
 */
export async function lockHeldJob(tx: DbOrTx, jobId: number, leaseHash: string, now = new Date()): Promise<void> {
	const [row] = await tx
		.select({ id: stackingJobs.id })
		.from(stackingJobs)
		.where(and(eq(stackingJobs.id, jobId), leaseHeld(leaseHash, now)))
		.for('update');
	if (!row) throw staleLease(jobId);
}
