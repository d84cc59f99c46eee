import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '$lib/server/db';
import { jobFailures } from '$lib/server/db/schema';
import { independent, type Origin } from '$lib/server/trust';

/**
 * Whether a fail of job `jobId` from `origin` is confirmed: a volunteer independent of it (other
 * account, other network, no network ever shared; trust/networks.ts) already failed the job. Two
 * accounts of one griefer never confirm each other.
 */
export async function confirmedFail(db: DbOrTx, jobId: number, origin: Origin): Promise<boolean> {
	const earlier = await db
		.selectDistinct({ userId: jobFailures.userId, network: jobFailures.network })
		.from(jobFailures)
		.where(and(eq(jobFailures.stackingJobId, jobId), ne(jobFailures.userId, origin.userId)));
	for (const other of earlier) if (await independent(db, other, origin)) return true;
	return false;
}
