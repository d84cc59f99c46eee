import { ApiError } from '$lib/server/http';

/*
 * The kinds of work the queue carries (stacking_jobs.task): one row per job, the same leases,
 * retries and trust rules for every kind. Only 'stack' exists so far; solving, verification and
 * co-adds come as rows of their own kind and entries in the worker's task map
 * (src/lib/compute/tasks.ts).
 */

const NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * The kinds a claiming worker runs, from its claim body: absent means `['stack']` (workers from
 * before there were kinds). A kind this server does not know is kept: it simply matches no job.
 */
export function checkTasks(value: unknown): string[] {
	if (value === undefined) return ['stack'];
	if (!Array.isArray(value) || value.length === 0 || value.length > 16 || !value.every((t) => typeof t === 'string' && NAME.test(t))) {
		throw new ApiError(400, `tasks ${JSON.stringify(value)?.slice(0, 200)} must be a list of 1-16 task names such as ["stack"]`);
	}
	return [...new Set(value as string[])];
}
