import { runJob, type JobContext, type JobOutcome } from './run-job';
import type { JobTicket } from '../api/jobs';

/**
 * What this worker does with each kind of job, graphile-worker's task list: the loop claims only
 * these kinds and dispatches by the ticket's `task`. Solving, verification and co-adds come as
 * further entries.
 */
const TASKS: Record<string, (job: JobTicket, ctx: JobContext) => Promise<JobOutcome>> = { stack: runJob };

/** The kinds this worker claims. */
export const TASK_NAMES = Object.keys(TASKS);

/** Runs the ticket's task (a ticket without one is a stacking job, as servers before kinds sent it). Never throws. */
export async function runTask(job: JobTicket, ctx: JobContext): Promise<JobOutcome> {
	const task = TASKS[job.task ?? 'stack'];
	if (task) return task(job, ctx);
	// The claim asked only for TASK_NAMES: a server that sends another kind is wrong; say so once.
	const error = `this worker cannot run task ${JSON.stringify(job.task)} (it runs ${TASK_NAMES.join(', ')})`;
	await ctx.api.fail(job, error).catch(() => {});
	ctx.emit({ type: 'failed', job, error });
	return 'failed';
}
