import { json } from '@sveltejs/kit';
import { idParam, jsonRoute } from '$lib/server/http';
import { rerunJob } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The owner runs a failed job again: { status: 'pending' }; 409 when it has not failed. */
export const POST: RequestHandler = (event) => jsonRoute(event, async ({ userId }) => json(await rerunJob(userId, idParam(event.params.id, 'job'))));
