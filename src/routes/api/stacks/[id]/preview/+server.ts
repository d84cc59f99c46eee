import { ApiError, idParam, jsonRoute } from '$lib/server/http';
import { ownStackRow, parsePreviewMax, stackPreview } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** Linear planes for a client-side stretch: u32 LE width, u32 LE height, float32 LE R, G, B planes. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const id = idParam(event.params.id, 'stack');
		const max = parsePreviewMax(event.url.searchParams.get('max'));
		const row = await ownStackRow(userId, id);
		if (!row) throw new ApiError(404, `stack ${id} was not found`);
		const body = await stackPreview(row, max);
		return new Response(body as Uint8Array<ArrayBuffer>, {
			headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length), 'cache-control': 'private, no-store' }
		});
	});
