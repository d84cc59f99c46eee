import { randomBytes } from 'node:crypto';
import { storagePath } from '$lib/server/storage';

/** Where a session's files are stored: ids only, never a user-supplied name. */
export function sessionPrefix(userId: number, sessionId: number): string {
	return storagePath(`user_${userId}`, `session_${sessionId}`);
}

/** A new file's path in its session's folder: a random id, since the row id comes after the write. */
export function newRawFilePath(userId: number, sessionId: number): string {
	return `${sessionPrefix(userId, sessionId)}/${storagePath(`${randomBytes(12).toString('hex')}.fit`)}`;
}
