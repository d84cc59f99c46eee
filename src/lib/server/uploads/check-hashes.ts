import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { rawFiles } from '$lib/server/db/schema';
import type { CheckedFile } from './check-body';
import { findOwnSession } from './own-session';
import { newBytes, requireRoom } from './quota';

/** Hashes per query: keeps the IN list, and the statement, of bounded size. */
const BATCH = 1000;

/**
 * Which of these SHA-256s (lower-case hex) the user already has stored, in any session: the
 * Upload page skips them before sending a byte. The token must name one of the user's sessions.
 */
export async function checkHashes(userId: number, token: string, sha256s: string[]): Promise<string[]> {
	const db = getDb();
	await findOwnSession(db, userId, token);
	const wanted = [...new Set(sha256s)];
	const have: string[] = [];
	for (let i = 0; i < wanted.length; i += BATCH) {
		const rows = await db
			.selectDistinct({ sha256: rawFiles.sha256 })
			.from(rawFiles)
			.where(
				and(
					eq(rawFiles.userId, userId),
					eq(rawFiles.isDeleted, 0),
					inArray(rawFiles.sha256, wanted.slice(i, i + BATCH))
				)
			);
		have.push(...rows.map((row) => row.sha256));
	}
	return have.sort();
}

/**
 * The check before an upload: the hashes already stored (see `checkHashes`), and a refusal (413,
 * naming what the rest needs, the use and the limit) when the rest would not fit the user's quota.
 */
export async function checkUpload(userId: number, token: string, files: CheckedFile[]): Promise<string[]> {
	const have = await checkHashes(userId, token, files.map((file) => file.sha256));
	await requireRoom(getDb(), userId, newBytes(files, new Set(have)), 'This upload');
	return have;
}
