import { json } from '@sveltejs/kit';
import { forCaller, idParam, leaseTokenOf, readJsonBody, returnJob } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** Gives the lease back uncounted: { status }. The token may come in the body (sendBeacon sets no headers). */
export const POST: RequestHandler = (event) =>
	forCaller(event, async (caller) => {
		const body = await readJsonBody(event.request);
		const token = leaseTokenOf(event.request) ?? (typeof body.leaseToken === 'string' ? body.leaseToken : null);
		return json(await returnJob(caller, idParam(event.params.id), token));
	});
