import { and, eq, lt } from 'drizzle-orm';
import { getDb, markRawsDeleted } from '$lib/server/db';
import { rawFiles, uploadSessions } from '$lib/server/db/schema';
import { rawStorage } from '$lib/server/storage';
import { SESSION_IDLE_MS } from './limits';
import { errorMessage } from '$lib/util/error-message';
import { log } from '$lib/server/log';

export interface SweepReport {
	/** Sessions that became `expired`. */
	sessions: number[];
	/** raw_files rows marked deleted. */
	files: number;
	/** Storage prefixes that could not be removed (logged; the rows are marked all the same). */
	failed: { prefix: string; error: string }[];
}

/**
 * Sessions left `uploading` with no activity for SESSION_IDLE_MS become `expired`: their rows are
 * marked deleted (their bytes off the owner's storage use) and their stored files removed. Each session is its own transaction whose UPDATE
 * re-checks status and age, so an upload that landed meanwhile keeps its session alive.
 */
export async function expireStaleSessions(now: Date = new Date()): Promise<SweepReport> {
	const db = getDb();
	const cutoff = new Date(now.getTime() - SESSION_IDLE_MS);
	const stale = and(eq(uploadSessions.status, 'uploading'), lt(uploadSessions.updatedAt, cutoff));
	const candidates = await db
		.select({ id: uploadSessions.id, prefix: uploadSessions.storagePath })
		.from(uploadSessions)
		.where(stale);
	const report: SweepReport = { sessions: [], files: 0, failed: [] };
	const storage = candidates.length > 0 ? rawStorage() : undefined;
	for (const { id, prefix } of candidates) {
		const files = await db.transaction(async (tx) => {
			const [result] = await tx
				.update(uploadSessions)
				.set({ status: 'expired' })
				.where(and(eq(uploadSessions.id, id), stale));
			if (result.affectedRows === 0) return undefined;
			const live = await tx
				.select({ id: rawFiles.id })
				.from(rawFiles)
				.where(and(eq(rawFiles.uploadSessionId, id), eq(rawFiles.isDeleted, 0)));
			return (await markRawsDeleted(tx, live.map((row) => row.id))).marked;
		});
		if (files === undefined) continue;
		report.sessions.push(id);
		report.files += files;
		if (!prefix || !storage) continue;
		try {
			await storage.deleteTree(prefix);
		} catch (error) {
			const message = errorMessage(error);
			log('error', 'sweep-remove-failed', { path: prefix, storage: storage.describe, error: message });
			report.failed.push({ prefix, error: message });
		}
	}
	return report;
}
