import { json } from '@sveltejs/kit';
import { createUploadSession } from '$lib/server/uploads';
import { jsonRoute } from '$lib/server/http';
import { uploadRoute } from '$lib/server/uploads/route-options';
import type { RequestHandler } from './$types';

/** Opens an upload session: 201 { token, id }. */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => json(await createUploadSession(userId), { status: 201 }), uploadRoute);
