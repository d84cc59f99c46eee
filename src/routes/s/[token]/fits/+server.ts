import { answerErrors, ApiError } from '$lib/server/http';
import { fitsDownload, parseFitsLayout, sharedStackRow } from '$lib/server/stacks';
import { scrubbedChunks } from '$lib/fits';
import type { RequestHandler } from './$types';

/**
 * A shared stack's FITS (`?layout=cube`: as one RGB image), anonymously, while the link is not
 * revoked: without the site unless the owner chose to publish it.
 */
export const GET: RequestHandler = ({ params, url }) =>
	answerErrors(async () => {
		const layout = parseFitsLayout(url.searchParams.get('layout'));
		const row = await sharedStackRow(params.token);
		if (!row) throw new ApiError(404, 'This share link does not exist or was revoked');
		return fitsDownload(row, layout, row.shareLocation ? undefined : scrubbedChunks);
	});
