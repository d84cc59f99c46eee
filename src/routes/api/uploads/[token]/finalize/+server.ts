import { json } from '@sveltejs/kit';
import { finalizeSession } from '$lib/server/uploads';
import { forUser } from '$lib/server/uploads/http';
import type { RequestHandler } from './$types';

/** Turns the session's chunks into stacking jobs, once: { jobs, created }. */
export const POST: RequestHandler = ({ locals, params }) =>
	forUser(locals, async (userId) => json(await finalizeSession(userId, params.token)));
