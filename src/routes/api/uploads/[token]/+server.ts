import { json } from '@sveltejs/kit';
import { getUploadSession } from '$lib/server/uploads';
import { forUser } from '$lib/server/uploads/http';
import type { RequestHandler } from './$types';

/** The session's status, stored files and jobs (a reloaded Upload page resumes from it). */
export const GET: RequestHandler = ({ locals, params }) =>
	forUser(locals, async (userId) => json(await getUploadSession(userId, params.token)));
