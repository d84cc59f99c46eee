import { json } from '@sveltejs/kit';
import { receiveFile } from '$lib/server/uploads';
import { forUser } from '$lib/server/uploads/http';
import type { RequestHandler } from './$types';

/**
 * One file as the raw request body (?name=<original name>&sha256=<hex>). The body stream goes to
 * storage as it arrives; 201 for a stored file, 200 with duplicate: true for one the user had.
 */
export const PUT: RequestHandler = ({ locals, params, request, url }) =>
	forUser(locals, async (userId) => {
		const stored = await receiveFile(
			userId,
			params.token,
			url.searchParams.get('name'),
			url.searchParams.get('sha256'),
			request.body,
			request.headers.get('content-length')
		);
		return json(stored, { status: stored.duplicate ? 200 : 201 });
	});
