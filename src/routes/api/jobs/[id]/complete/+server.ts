import { json } from '@sveltejs/kit';
import { completeJob, parseSubmission } from '$lib/server/intake';
import { idParam, jsonRoute } from '$lib/server/http';
import { leaseTokenOf } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The stack and report (multipart): { status, stackId? }; 422 refused, 503 storage down (retry). */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async (caller) => {
		const jobId = idParam(event.params.id, 'job');
		const submission = await parseSubmission(event.request);
		return json(await completeJob(caller, jobId, leaseTokenOf(event.request), submission));
	});
