import { ApiError, idParam, jsonRoute } from '$lib/server/http';
import { ownStackRow, parsePictureFormat, pictureDownload } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** The stack's picture of its crop: a 16-bit PNG, or with `?format=jpeg` a JPEG. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const format = parsePictureFormat(event.url.searchParams.get('format'));
		const id = idParam(event.params.id, 'stack');
		const row = await ownStackRow(userId, id);
		if (!row) throw new ApiError(404, `stack ${id} was not found`);
		return pictureDownload(row, format);
	});
