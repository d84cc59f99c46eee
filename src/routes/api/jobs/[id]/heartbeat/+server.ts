import { json } from '@sveltejs/kit';
import { idParam, jsonRoute, readJsonObject } from '$lib/server/http';
import { leaseTokenOf, parseProgress, renewLease } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** Renews the lease and records progress: { leaseExpiresAt }. */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async (caller) => {
		const progress = parseProgress(await readJsonObject(event.request));
		return json(await renewLease(caller, idParam(event.params.id, 'job'), leaseTokenOf(event.request), progress));
	});
