import { answerErrors, ApiError } from '$lib/server/http';
import { fileResponse, sharedStackRow, stackFileName } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** A shared stack's FITS, anonymously, while the link is not revoked. */
export const GET: RequestHandler = ({ params }) =>
	answerErrors(async () => {
		const row = await sharedStackRow(params.token);
		if (!row) throw new ApiError(404, 'This share link does not exist or was revoked');
		return fileResponse(row.storagePath, 'application/fits', stackFileName({ object: row.objectName, chunkKey: row.chunkKey }));
	});
