import { json } from '@sveltejs/kit';
import { idParam, jsonRoute } from '$lib/server/http';
import { leaseTokenOf, listJobFiles } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The held job's frames: { files: [{ id, name, size, sha256 }] }. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async (caller) =>
		json({ files: await listJobFiles(caller, idParam(event.params.id, 'job'), leaseTokenOf(event.request)) })
	);
