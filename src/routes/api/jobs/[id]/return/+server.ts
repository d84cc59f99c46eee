import { json } from '@sveltejs/kit';
import { idParam, jsonRoute, readJsonObject } from '$lib/server/http';
import { leaseTokenOf, returnJob } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** Gives the lease back uncounted: { status }. The token may come in the body (sendBeacon sets no headers). */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async (caller) => {
		const body = await readJsonObject(event.request);
		const token = leaseTokenOf(event.request) ?? (typeof body.leaseToken === 'string' ? body.leaseToken : null);
		return json(await returnJob(caller, idParam(event.params.id, 'job'), token));
	});
