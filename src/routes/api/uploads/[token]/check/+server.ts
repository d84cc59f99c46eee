import { json } from '@sveltejs/kit';
import { jsonRoute, readJson } from '$lib/server/http';
import { checkHashes, parseCheckBody } from '$lib/server/uploads';
import { uploadRoute } from '$lib/server/uploads/route-options';
import type { RequestHandler } from './$types';

/** Which of the listed files the user already stored: { have: [sha256…] }. */
export const POST: RequestHandler = (event) =>
	jsonRoute(
		event,
		async ({ userId }) => {
			const hashes = parseCheckBody(await readJson(event.request));
			return json({ have: await checkHashes(userId, event.params.token, hashes) });
		},
		uploadRoute
	);
