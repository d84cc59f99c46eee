import { json } from '@sveltejs/kit';
import { jsonRoute } from '$lib/server/http';
import { receiveFile } from '$lib/server/uploads';
import { uploadRoute } from '$lib/server/uploads/route-options';
import type { RequestHandler } from './$types';

/**
 * One file as the raw request body (?name=<original name>&sha256=<hex>). The body stream goes to
 * storage as it arrives; 201 for a stored file, 200 with duplicate: true for one the user had.
 */
export const PUT: RequestHandler = (event) =>
	jsonRoute(
		event,
		async ({ userId }) => {
			const { params, request, url } = event;
			const stored = await receiveFile(
				userId,
				params.token,
				url.searchParams.get('name'),
				url.searchParams.get('sha256'),
				request.body,
				request.headers.get('content-length')
			);
			return json(stored, { status: stored.duplicate ? 200 : 201 });
		},
		uploadRoute
	);
