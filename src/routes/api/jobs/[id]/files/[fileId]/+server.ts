import { idParam, jsonRoute } from '$lib/server/http';
import { leaseTokenOf, openJobFile } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** One frame of the held job, its location cards blanked (same length as stored). */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async (caller) => {
		const { params, request } = event;
		const file = await openJobFile(caller, idParam(params.id, 'job'), idParam(params.fileId, 'file'), leaseTokenOf(request));
		return new Response(file.body, {
			headers: {
				'content-type': 'application/fits',
				'content-length': String(file.size),
				'cache-control': 'no-store'
			}
		});
	});
