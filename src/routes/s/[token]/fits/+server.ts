import { answerErrors } from '$lib/server/http';
import { fitsDownload, parseFitsLayout, requireSharedStackRow } from '$lib/server/stacks';
import { scrubbedChunks } from '$lib/fits';
import type { RequestHandler } from './$types';

/**
 * A shared stack's FITS (`?layout=cube`: as one RGB image), anonymously, while the link is not
 * revoked: without the site unless the owner chose to publish it.
 */
export const GET: RequestHandler = ({ params, url }) =>
	answerErrors(async () => {
		const layout = parseFitsLayout(url.searchParams.get('layout'));
		const row = await requireSharedStackRow(params.token);
		return fitsDownload(row, layout, row.shareLocation ? undefined : scrubbedChunks);
	});
