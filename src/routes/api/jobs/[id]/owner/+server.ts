import { json } from '@sveltejs/kit';
import { idParam, jsonRoute, notFound } from '$lib/server/http';
import { deleteJob } from '$lib/server/deletion';
import type { RequestHandler } from './$types';

/** The owner deletes a job: its stack and raw frames (files and rows); storage use corrected. */
export const DELETE: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const deleted = await deleteJob(userId, idParam(event.params.id, 'job'));
		if (!deleted) throw notFound(`job ${event.params.id}`);
		return json(deleted);
	});
