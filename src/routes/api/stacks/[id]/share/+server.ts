import { json } from '@sveltejs/kit';
import { ApiError, idParam, jsonRoute, readJsonObject } from '$lib/server/http';
import { shareStack, unshareStack } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/**
 * A share link `{ url }`; body `{ "location": true }` publishes the site too. Where the stack is
 * already shared, 409 unless `{ "replace": true }` asks for a new link (the old one then tells its
 * visitors it was replaced).
 */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const { location = false, replace = false } = await readJsonObject(event.request);
		if (typeof location !== 'boolean') throw new ApiError(400, `location ${JSON.stringify(location)} must be true or false`);
		if (typeof replace !== 'boolean') throw new ApiError(400, `replace ${JSON.stringify(replace)} must be true or false`);
		const result = await shareStack(userId, id, { location, replace });
		if (result === 'not-found') throw new ApiError(404, `stack ${id} was not found`);
		if (result === 'already-shared') {
			throw new ApiError(409, `stack ${id} already has a share link: send { "replace": true } for a new one (the old link stops working and says it was replaced)`);
		}
		return json({ url: new URL(result.url, event.url).href });
	});

/** Revokes the share link: from now on it answers 410, saying its owner revoked it. */
export const DELETE: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		if (!(await unshareStack(userId, id))) throw new ApiError(404, `stack ${id} was not found`);
		return json({ shared: false });
	});
