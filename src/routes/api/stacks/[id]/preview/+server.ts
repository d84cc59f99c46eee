import { ApiError, idParam, jsonRoute } from '$lib/server/http';
import { bytesResponse, ownStackRow, parsePreviewMax, stackPreview } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/**
 * Linear planes for a client-side stretch: u32 LE width, u32 LE height, float32 LE R, G, B planes,
 * at the fixed size that serves `max` (256, 512, 1024 or 2048 on the longer side). 503 with
 * Retry-After when too many previews are being made.
 */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const max = parsePreviewMax(event.url.searchParams.get('max'));
		const row = await ownStackRow(userId, id);
		if (!row) throw new ApiError(404, `stack ${id} was not found`);
		return bytesResponse(await stackPreview(row, max), 'application/octet-stream');
	});
