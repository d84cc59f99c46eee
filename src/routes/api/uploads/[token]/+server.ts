import { json } from '@sveltejs/kit';
import { jsonRoute, notFound } from '$lib/server/http';
import { deleteUploadSession } from '$lib/server/deletion';
import { getUploadSession } from '$lib/server/uploads';
import { uploadRoute } from '$lib/server/uploads/route-options';
import type { RequestHandler } from './$types';

/** The session's status, stored files and jobs (a reloaded Upload page resumes from it). */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => json(await getUploadSession(userId, event.params.token)), uploadRoute);

/** The owner deletes the session: its frames, jobs and stacks (files and rows); storage use corrected. */
export const DELETE: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const deleted = await deleteUploadSession(userId, event.params.token);
		if (!deleted) throw notFound('upload session');
		return json(deleted);
	});
