import { json } from '@sveltejs/kit';
import { failJob, forCaller, idParam, leaseTokenOf, readJsonBody } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The holder could not stack the job: { status: 'retry' | 'failed' }. */
export const POST: RequestHandler = (event) =>
	forCaller(event, async (caller) => {
		const { error } = await readJsonBody(event.request);
		return json(await failJob(caller, idParam(event.params.id), leaseTokenOf(event.request), error as string));
	});
