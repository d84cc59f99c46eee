import { answerErrors } from '$lib/server/http';
import { fileResponse, requireSharedStackRow } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** A shared stack's thumbnail, anonymously, while the link is not revoked. */
export const GET: RequestHandler = ({ params }) =>
	answerErrors(async () => {
		const row = await requireSharedStackRow(params.token);
		return fileResponse(row.thumbnailPath, 'image/png');
	});
