import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CreatedSession } from '$lib/api/uploads';
import { getDb } from '$lib/server/db';
import { uploadSessions } from '$lib/server/db/schema';
import { sessionPrefix } from '$lib/server/storage';

/** Opens a session (status `uploading`); the token names it in URLs (32 random bytes, base64url). */
export async function createUploadSession(userId: number): Promise<CreatedSession> {
	const token = randomBytes(32).toString('base64url');
	return getDb().transaction(async (tx) => {
		const [{ id }] = await tx.insert(uploadSessions).values({ userId, sessionToken: token }).$returningId();
		await tx
			.update(uploadSessions)
			.set({ storagePath: sessionPrefix(userId, id) })
			.where(eq(uploadSessions.id, id));
		return { token, id };
	});
}
