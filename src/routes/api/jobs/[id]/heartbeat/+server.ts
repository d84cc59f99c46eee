import { json } from '@sveltejs/kit';
import { forCaller, idParam, leaseTokenOf, parseProgress, readJsonBody, renewLease } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** Renews the lease and records progress: { leaseExpiresAt }. */
export const POST: RequestHandler = (event) =>
	forCaller(event, async (caller) => {
		const progress = parseProgress(await readJsonBody(event.request));
		return json(await renewLease(caller, idParam(event.params.id), leaseTokenOf(event.request), progress));
	});
