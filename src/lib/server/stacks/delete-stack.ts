import { eq, sql } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { stackedFrames, stackingJobs, uploadSessions, users } from '$lib/server/db/schema';
import { stackStorage } from '$lib/server/storage';
import { ownStackRow } from './stack-row';

/**
 * The owner deletes a stack: its FITS, PNG and report, then its row, and what they weighed comes
 * off the owner's storage use (never below 0). A stack uploaded from the telescope takes its
 * stand-in upload session and job with it. Null when the stack is not the user's.
 */
export async function deleteStack(userId: number, id: number): Promise<{ freedMb: number } | null> {
	const row = await ownStackRow(userId, id);
	if (!row) return null;
	const storage = stackStorage();
	let bytes = 0;
	for (const path of [row.ucloudPath, row.thumbnailPath, row.reportPath]) {
		if (!path) continue;
		bytes += (await storage.stat(path))?.size ?? 0;
		await storage.delete(path);
	}
	const freedMb = Math.round((bytes / 1048576) * 100) / 100;
	const db = getDb();
	await db.transaction(async (tx) => {
		if (row.source === 'telescope') {
			const [job] = await tx
				.select({ sessionId: stackingJobs.uploadSessionId })
				.from(stackingJobs)
				.where(eq(stackingJobs.id, row.stackingJobId));
			if (job) await tx.delete(uploadSessions).where(eq(uploadSessions.id, job.sessionId));
		}
		await tx.delete(stackedFrames).where(eq(stackedFrames.id, row.id));
		if (freedMb > 0) {
			await tx
				.update(users)
				.set({ storageUsedMb: sql`GREATEST(0, ${users.storageUsedMb} - ${freedMb})` })
				.where(eq(users.id, userId));
		}
	});
	return { freedMb };
}
