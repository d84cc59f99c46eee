import { ApiError, idParam, jsonRoute } from '$lib/server/http';
import { fileResponse, ownStackRow, stackFileName } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** The stored FITS, byte for byte, as `{object}_{chunk_key}.fits`. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const row = await ownStackRow(userId, id);
		if (!row) throw new ApiError(404, `stack ${id} was not found`);
		return fileResponse(row.storagePath, 'application/fits', stackFileName({ object: row.objectName, chunkKey: row.chunkKey }));
	});
