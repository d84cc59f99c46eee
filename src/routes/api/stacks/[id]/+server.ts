import { json } from '@sveltejs/kit';
import { ApiError, idParam, jsonRoute } from '$lib/server/http';
import { deleteStack } from '$lib/server/deletion';
import { getStack } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

const missing = (id: number) => new ApiError(404, `stack ${id} was not found`);

/** The stack's detail with its report. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const stack = await getStack(userId, id);
		if (!stack) throw missing(id);
		return json(stack);
	});

/** Deletes the stack: files and row; the owner's storage use goes down by what they weighed. */
export const DELETE: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const deleted = await deleteStack(userId, id);
		if (!deleted) throw missing(id);
		return json({ deleted: id, ...deleted });
	});
