import { json } from '@sveltejs/kit';
import { jsonRoute, readJson } from '$lib/server/http';
import { checkUpload, parseCheckBody } from '$lib/server/uploads';
import { uploadRoute } from '$lib/server/uploads/route-options';
import type { RequestHandler } from './$types';

/** Which of the listed files the user already stored: { have: [sha256…] }; 413 when the rest would exceed the storage quota. */
export const POST: RequestHandler = (event) =>
	jsonRoute(
		event,
		async ({ userId }) => {
			const files = parseCheckBody(await readJson(event.request));
			return json({ have: await checkUpload(userId, event.params.token, files) });
		},
		uploadRoute
	);
