import { and, eq, not, or, sql, type SQL } from 'drizzle-orm';
import { jobFailures, jobResults, stackingJobs } from '$lib/server/db/schema';
import { MAX_UNCONFIRMED_NETWORKS, SERVED_LAST_AFTER_MS } from './config';
import type { ClaimRequest } from './claim-batch';

/**
 * Who is offered which due job, beyond its being due (claim-batch.ts `due`). The conditions are
 * written once in SQL: the lone claim filters with `offeredTo`, the batch reads them as columns of
 * the rows it locked (`facts`) and picks per request with `offered`.
 */

/** The user returned a stack for the job, or failed it untrusted: not offered it again. */
export function doneBy(userId: number): SQL {
	return sql`(exists (select 1 from ${jobResults} where ${jobResults.stackingJobId} = ${stackingJobs.id} and ${jobResults.userId} = ${userId})
		or exists (select 1 from ${jobFailures} where ${jobFailures.stackingJobId} = ${stackingJobs.id} and ${jobFailures.userId} = ${userId} and ${jobFailures.trusted} = 0))`;
}

/** Untrusted fails from MAX_UNCONFIRMED_NETWORKS networks: the job waits for a trusted runner or its owner. */
const parked = sql`((select count(distinct ${jobFailures.network}) from ${jobFailures} where ${jobFailures.stackingJobId} = ${stackingJobs.id} and ${jobFailures.trusted} = 0) >= ${MAX_UNCONFIRMED_NETWORKS})`;

/** The job has been waiting SERVED_LAST_AFTER_MS since it was made, last claimed or last became due. */
function waited(now: Date): SQL {
	const since = sql`greatest(${stackingJobs.createdAt}, coalesce(${stackingJobs.startedAt}, ${stackingJobs.createdAt}), coalesce(${stackingJobs.runAt}, ${stackingJobs.createdAt}))`;
	return sql`(${since} <= ${new Date(now.getTime() - SERVED_LAST_AFTER_MS)})`;
}

/** The lone claim's filter: due jobs `request` may have. The owner of a job is trusted on it. */
export function offeredTo(request: ClaimRequest, now: Date): SQL {
	const own = eq(stackingJobs.userId, request.userId);
	return and(
		not(doneBy(request.userId)),
		request.trusted ? undefined : or(own, not(parked)),
		request.servedLast ? or(own, waited(now)) : undefined
	)!;
}

/** The batch's columns for `offered`. */
export function facts(now: Date) {
	return {
		ownerId: stackingJobs.userId,
		parked: sql<number>`${parked}`.mapWith(Number),
		waited: sql<number>`${waited(now)}`.mapWith(Number)
	};
}

export interface Facts {
	ownerId: number;
	parked: number;
	waited: number;
}

/** `offeredTo` for a locked row, once `doneBy` was looked up for the request's user. */
export function offered(job: Facts, request: ClaimRequest, done: boolean): boolean {
	const own = job.ownerId === request.userId;
	return !done && (request.trusted || own || !job.parked) && (!request.servedLast || own || !!job.waited);
}
