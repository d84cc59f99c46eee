import { json } from '@sveltejs/kit';
import { checkHashes } from '$lib/server/uploads';
import { forUser, parseCheckBody, readJson } from '$lib/server/uploads/http';
import type { RequestHandler } from './$types';

/** Which of the listed files the user already stored: { have: [sha256…] }. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	forUser(locals, async (userId) => {
		const hashes = parseCheckBody(await readJson(request));
		return json({ have: await checkHashes(userId, params.token, hashes) });
	});
