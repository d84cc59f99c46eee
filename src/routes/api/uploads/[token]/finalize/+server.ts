import { json } from '@sveltejs/kit';
import { jsonRoute } from '$lib/server/http';
import { finalizeSession } from '$lib/server/uploads';
import { uploadRoute } from '$lib/server/uploads/route-options';
import type { RequestHandler } from './$types';

/** Turns the session's chunks into stacking jobs, once: { jobs, created }. */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => json(await finalizeSession(userId, event.params.token)), uploadRoute);
