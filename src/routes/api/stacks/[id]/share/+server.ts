import { json } from '@sveltejs/kit';
import { ApiError, idParam, jsonRoute, readJsonObject } from '$lib/server/http';
import { shareStack, unshareStack } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** A new share link `{ url }` (an earlier one stops working); body `{ "location": true }` publishes the site too. */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const { location = false } = await readJsonObject(event.request);
		if (typeof location !== 'boolean') throw new ApiError(400, `location ${JSON.stringify(location)} must be true or false`);
		const path = await shareStack(userId, id, { location });
		if (!path) throw new ApiError(404, `stack ${id} was not found`);
		return json({ url: new URL(path, event.url).href });
	});

/** Revokes the share link: it answers 404 from now on. */
export const DELETE: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		if (!(await unshareStack(userId, id))) throw new ApiError(404, `stack ${id} was not found`);
		return json({ shared: false });
	});
