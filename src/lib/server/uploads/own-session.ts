import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '$lib/server/db';
import { uploadSessions } from '$lib/server/db/schema';
import { ApiError } from '$lib/server/http';
import { sessionNotFound } from './refusals';

export type UploadSessionRow = typeof uploadSessions.$inferSelect;

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The user's session with this token, or a 404 (unknown, malformed and another user's token are
 * one answer). With `lock`, the row is locked FOR UPDATE until the surrounding transaction ends.
 */
export async function findOwnSession(
	db: DbOrTx,
	userId: number,
	token: string,
	{ lock = false }: { lock?: boolean } = {}
): Promise<UploadSessionRow> {
	if (!TOKEN.test(token)) throw sessionNotFound();
	const query = db
		.select()
		.from(uploadSessions)
		.where(and(eq(uploadSessions.sessionToken, token), eq(uploadSessions.userId, userId)));
	const [row] = lock ? await query.for('update') : await query;
	if (!row) throw sessionNotFound();
	return row;
}

/** Refuses work on a session that is no longer taking files, saying what happened to it. */
export function requireUploading(session: UploadSessionRow): void {
	if (session.status === 'uploading') return;
	const why = {
		complete: 'was finalized',
		expired: 'expired after 24 hours without activity',
		failed: 'failed'
	}[session.status];
	throw new ApiError(409, `This upload session ${why} and takes no more files: start a new upload`);
}
