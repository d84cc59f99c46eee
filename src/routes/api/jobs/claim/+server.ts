import { json } from '@sveltejs/kit';
import { jsonRoute, readJsonObject } from '$lib/server/http';
import { checkWorkerId, claimJob } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The next job with a lease: 200 { job } or 204 when there is nothing to do. */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async (caller) => {
		const { workerId } = await readJsonObject(event.request);
		const job = await claimJob(caller, checkWorkerId(workerId));
		return job ? json({ job }) : new Response(null, { status: 204 });
	});
