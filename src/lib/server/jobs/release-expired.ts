import { and, eq, lt } from 'drizzle-orm';
import { getDb, type DbOrTx } from '$lib/server/db';
import { stackingJobs } from '$lib/server/db/schema';
import { afterFailure } from './after-failure';
import { QUEUE_TX } from './queue-tx';
import { settleFail } from './settle-fail';
import { logJob } from './job-log';

/**
 * Returns every job whose lease ran out before `now` to the queue, settled as its holder's fail
 * ("lease expired …", settle-fail.ts): an attempt for a trusted holder (due at once: the lease was
 * the wait), none for a volunteer no one independent confirms, so claiming and walking away cannot
 * use up a job. Rows another transaction holds are skipped (it is completing or renewing them).
 * Runs inside `tx` when given (the claim), else on its own.
 */
export async function releaseExpiredLeases(now = new Date(), tx?: DbOrTx): Promise<number[]> {
	if (!tx) return getDb().transaction((own) => releaseExpiredLeases(now, own), QUEUE_TX);
	const expired = and(eq(stackingJobs.status, 'processing'), lt(stackingJobs.leaseExpiresAt, now));
	const rows = await tx
		.select({
			id: stackingJobs.id,
			retryCount: stackingJobs.retryCount,
			workerId: stackingJobs.workerId,
			userId: stackingJobs.claimedByUserId,
			network: stackingJobs.claimedNetwork,
			trusted: stackingJobs.claimedTrusted
		})
		.from(stackingJobs)
		.where(expired)
		.for('update', { skipLocked: true });
	for (const row of rows) {
		const message = `lease expired (worker ${row.workerId ?? 'unknown'} stopped heartbeating)`;
		// A lease from before claims kept their origin counts, as it always did.
		const origin = row.userId !== null && row.network !== null ? { userId: row.userId, network: row.network, trusted: row.trusted === 1 } : null;
		let status;
		if (origin) status = await settleFail(tx, row, origin, message, { now, backoff: false });
		else {
			const next = afterFailure(row.retryCount, message, now);
			await tx.update(stackingJobs).set({ ...next, runAt: null }).where(eq(stackingJobs.id, row.id));
			status = next.status;
		}
		// Logged with its write, inside the sweep's or the claim's transaction: rows are locked, so it commits.
		logJob('expire', row.id, status, { user: row.userId ?? undefined, worker: row.workerId });
	}
	return rows.map((row) => row.id);
}
