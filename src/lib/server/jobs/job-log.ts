import type { JobStatus } from '$lib/api/jobs';
import { log, type Fields } from '$lib/server/log';
import type { Transition } from './states';

/** A worker's or the server's reason, kept short: the job row has the whole of it. */
const MAX_REASON = 200;

/**
 * One line per job transition (states.ts names them; `create` is finalize's insert), written after
 * its transaction commits (an expired lease's, with its write under the row lock): the job, the
 * transition, the status it left the job in, and who caused it (user, worker) and why, when known.
 */
export function logJob(
	transition: Transition | 'create',
	job: number,
	status: JobStatus,
	{ user, worker, reason, ...rest }: { user?: number; worker?: string | null; reason?: string | null } & Fields = {}
): void {
	log('info', 'job', { job, transition, status, user, worker: worker ?? undefined, reason: reason?.slice(0, MAX_REASON), ...rest });
}
