import { json } from '@sveltejs/kit';
import { jsonRoute } from '$lib/server/http';
import { addTelescopeStack, parseTelescopeUpload } from '$lib/server/intake';
import { listStacksPage, parsePage, parseStackFilter } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** The caller's stacks, filtered and paged: `{ items, total }`. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const params = event.url.searchParams;
		const { page, pageSize } = parsePage(params);
		return json(await listStacksPage(userId, parseStackFilter(params), page, pageSize));
	});

/** A stack made on the telescope: multipart `stack` (FITS) + optional `meta` JSON, or the FITS as the body → 201 `{ id }`. */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const { bytes, meta } = await parseTelescopeUpload(event.request, event.url);
		return json(await addTelescopeStack(userId, bytes, meta), { status: 201 });
	});
