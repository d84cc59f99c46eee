import { answerErrors } from '$lib/server/http';
import { parsePictureFormat, pictureDownload, requireSharedStackRow } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** A shared stack's picture (`?format=jpeg`: as a JPEG), anonymously, while the link is not revoked; pixels only, no site. */
export const GET: RequestHandler = ({ params, url }) =>
	answerErrors(async () => {
		const format = parsePictureFormat(url.searchParams.get('format'));
		const row = await requireSharedStackRow(params.token);
		return pictureDownload(row, format);
	});
