import { json } from '@sveltejs/kit';
import { idParam, jsonRoute, readJsonObject } from '$lib/server/http';
import { failJob, leaseTokenOf } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The holder could not stack the job: { status: 'retry' | 'failed' }. */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async (caller) => {
		const { error } = await readJsonObject(event.request);
		return json(await failJob(caller, idParam(event.params.id, 'job'), leaseTokenOf(event.request), error as string));
	});
