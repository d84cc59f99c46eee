import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import type { UploadSessionView } from '$lib/api/uploads';
import { rawFiles } from '$lib/server/db/schema';
import { findOwnSession } from './own-session';
import { sessionJobs } from './session-jobs';

/** The user's session with its stored files and jobs: what a reloaded Upload page resumes from. */
export async function getUploadSession(userId: number, token: string): Promise<UploadSessionView> {
	const db = getDb();
	const session = await findOwnSession(db, userId, token);
	const files = await db
		.select({
			id: rawFiles.id,
			name: rawFiles.filename,
			size: rawFiles.fileSizeBytes,
			sha256: rawFiles.sha256,
			chunkKey: rawFiles.chunkKey,
			telescope: rawFiles.telescope
		})
		.from(rawFiles)
		.where(and(eq(rawFiles.uploadSessionId, session.id), eq(rawFiles.isDeleted, 0)))
		.orderBy(asc(rawFiles.id));
	return {
		token: session.sessionToken,
		status: session.status,
		fileCount: session.fileCount,
		totalSizeMb: Number(session.totalSizeMb),
		files,
		jobs: await sessionJobs(db, session.id)
	};
}
