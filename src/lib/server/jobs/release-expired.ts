import { and, eq, inArray, lt } from 'drizzle-orm';
import { getDb, type DbOrTx } from '$lib/server/db';
import { stackingJobs } from '$lib/server/db/schema';
import { afterFailure } from './after-failure';
import { QUEUE_TX } from './queue-tx';

/**
 * Returns every job whose lease ran out before `now` to the queue as a failed attempt ("lease
 * expired …"), or ends it `failed` at the bound. Rows another transaction holds are skipped (it
 * is completing or renewing them). Runs inside `tx` when given (the claim), else on its own.
 */
export async function releaseExpiredLeases(now = new Date(), tx?: DbOrTx): Promise<number[]> {
	if (!tx) return getDb().transaction((own) => releaseExpiredLeases(now, own), QUEUE_TX);
	const expired = and(eq(stackingJobs.status, 'processing'), lt(stackingJobs.leaseExpiresAt, now));
	const rows = await tx
		.select({ id: stackingJobs.id, retryCount: stackingJobs.retryCount, workerId: stackingJobs.workerId })
		.from(stackingJobs)
		.where(expired)
		.for('update', { skipLocked: true });
	for (const row of rows) {
		const message = `lease expired (worker ${row.workerId ?? 'unknown'} stopped heartbeating)`;
		await tx
			.update(stackingJobs)
			// Due at once: the lease itself was the wait, and the job was not at fault.
			.set({ ...afterFailure(row.retryCount, message, now), runAt: null })
			.where(and(inArray(stackingJobs.id, [row.id]), expired));
	}
	return rows.map((row) => row.id);
}
