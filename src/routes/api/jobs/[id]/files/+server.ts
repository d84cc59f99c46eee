import { json } from '@sveltejs/kit';
import { forCaller, idParam, leaseTokenOf, listJobFiles } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The held job's frames: { files: [{ id, name, size, sha256 }] }. */
export const GET: RequestHandler = (event) =>
	forCaller(event, async (caller) =>
		json({ files: await listJobFiles(caller, idParam(event.params.id), leaseTokenOf(event.request)) })
	);
