import { ApiError, idParam, jsonRoute } from '$lib/server/http';
import { fileResponse, ownStackRow, stackFileName, storedPicture } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** The stack's picture, a 16-bit PNG of its crop, as `{object}_{chunk_key}-picture.png`. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const row = await ownStackRow(userId, id);
		if (!row) throw new ApiError(404, `stack ${id} was not found`);
		const name = stackFileName({ object: row.objectName, chunkKey: row.chunkKey }, 'png', '-picture');
		return fileResponse(await storedPicture(row), 'image/png', name);
	});
