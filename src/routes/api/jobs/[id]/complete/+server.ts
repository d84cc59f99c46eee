import { json } from '@sveltejs/kit';
import { parseSubmission } from '$lib/server/intake';
import { completeJob, forCaller, idParam, leaseTokenOf } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The stack and report (multipart): { status, stackId? }; 422 refused, 503 storage down (retry). */
export const POST: RequestHandler = (event) =>
	forCaller(event, async (caller) => {
		const jobId = idParam(event.params.id);
		const submission = await parseSubmission(event.request);
		return json(await completeJob(caller, jobId, leaseTokenOf(event.request), submission));
	});
