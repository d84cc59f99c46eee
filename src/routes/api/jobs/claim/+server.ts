import { json } from '@sveltejs/kit';
import { jsonRoute, readJsonObject } from '$lib/server/http';
import { checkTasks, checkWorkerId, claimJob } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The next job with a lease, of a kind in `tasks` (default ["stack"]): 200 { job } or 204 when there is nothing to do. */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async (caller) => {
		const { workerId, tasks } = await readJsonObject(event.request);
		const job = await claimJob(caller, checkWorkerId(workerId), { tasks: checkTasks(tasks) });
		return job ? json({ job }) : new Response(null, { status: 204 });
	});
