import { ApiError, idParam, jsonRoute } from '$lib/server/http';
import { fitsDownload, ownStackRow, parseFitsLayout } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/**
 * The stored FITS, byte for byte, as `{object}_{chunk_key}.fits`; `?layout=cube`: the same linear
 * planes and header as one RGB image (NAXIS3 = 3), as `{object}_{chunk_key}-rgb.fits`.
 */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const layout = parseFitsLayout(event.url.searchParams.get('layout'));
		const row = await ownStackRow(userId, id);
		if (!row) throw new ApiError(404, `stack ${id} was not found`);
		return fitsDownload(row, layout);
	});
