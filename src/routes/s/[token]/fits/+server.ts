import { answerErrors, ApiError } from '$lib/server/http';
import { fileResponse, sharedStackRow, stackFileName } from '$lib/server/stacks';
import { scrubbedChunks } from '$lib/fits';
import type { RequestHandler } from './$types';

/** A shared stack's FITS, anonymously, while the link is not revoked: without the site unless the owner chose to publish it. */
export const GET: RequestHandler = ({ params }) =>
	answerErrors(async () => {
		const row = await sharedStackRow(params.token);
		if (!row) throw new ApiError(404, 'This share link does not exist or was revoked');
		const name = stackFileName({ object: row.objectName, chunkKey: row.chunkKey });
		return fileResponse(row.storagePath, 'application/fits', name, row.shareLocation ? undefined : scrubbedChunks);
	});
