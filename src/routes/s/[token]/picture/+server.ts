import { answerErrors, ApiError } from '$lib/server/http';
import { parsePictureFormat, pictureDownload, sharedStackRow } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** A shared stack's picture (`?format=jpeg`: as a JPEG), anonymously, while the link is not revoked; pixels only, no site. */
export const GET: RequestHandler = ({ params, url }) =>
	answerErrors(async () => {
		const format = parsePictureFormat(url.searchParams.get('format'));
		const row = await sharedStackRow(params.token);
		if (!row) throw new ApiError(404, 'This share link does not exist or was revoked');
		return pictureDownload(row, format);
	});
