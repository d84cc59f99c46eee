import { ApiError, idParam, jsonRoute } from '$lib/server/http';
import { fileResponse, ownStackRow, stackFileName } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** The stack's PNG thumbnail (?download names it `{object}_{chunk_key}.png` as an attachment). */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const row = await ownStackRow(userId, id);
		if (!row) throw new ApiError(404, `stack ${id} was not found`);
		const download = event.url.searchParams.has('download') ? stackFileName({ object: row.objectName, chunkKey: row.chunkKey }, 'png') : undefined;
		return fileResponse(row.thumbnailPath, 'image/png', download);
	});
