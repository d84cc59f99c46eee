import { json } from '@sveltejs/kit';
import { createUploadSession } from '$lib/server/uploads';
import { forUser } from '$lib/server/uploads/http';
import type { RequestHandler } from './$types';

/** Opens an upload session: 201 { token, id }. */
export const POST: RequestHandler = ({ locals }) =>
	forUser(locals, async (userId) => json(await createUploadSession(userId), { status: 201 }));
