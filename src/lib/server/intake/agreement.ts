import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '$lib/server/db';
import { jobResults } from '$lib/server/db/schema';
import { countStanding, independent } from '$lib/server/trust';
import type { ResultRow } from './record-stack';

/**
 * Earlier results of the job that confirm `result`: the same stack, each passed its own spot
 * check, from a volunteer independent of this one (another account, another network, no network
 * in common ever). Two accounts of one household or one cloud tenant never complete a job.
 */
export async function agreeingResults(db: DbOrTx, jobId: number, result: ResultRow): Promise<number[]> {
	const candidates = await db
		.select({ id: jobResults.id, userId: jobResults.userId, network: jobResults.network })
		.from(jobResults)
		.where(
			and(
				eq(jobResults.stackingJobId, jobId),
				eq(jobResults.stackSha256, result.stackSha256),
				eq(jobResults.spotCheck, 'passed'),
				eq(jobResults.accepted, 0),
				ne(jobResults.userId, result.userId)
			)
		);
	const ids: number[] = [];
	for (const c of candidates) {
		if (await independent(db, { userId: result.userId, network: result.network }, { userId: c.userId, network: c.network })) ids.push(c.id);
	}
	return ids;
}

/**
 * Once the crowd's stack is accepted: its volunteers' standing gains a verified result; those
 * whose checked result is another stack lose standing (a forgery in bands the check did not draw).
 */
export async function settleStanding(db: DbOrTx, jobId: number, acceptedSha: string): Promise<void> {
	const rows = await db
		.select({ userId: jobResults.userId, accepted: jobResults.accepted, sha: jobResults.stackSha256 })
		.from(jobResults)
		.where(and(eq(jobResults.stackingJobId, jobId), eq(jobResults.spotCheck, 'passed')));
	for (const row of rows) {
		if (row.accepted) await countStanding(db, row.userId, 'verified');
		else if (row.sha !== acceptedSha) await countStanding(db, row.userId, 'disagreed');
	}
}
