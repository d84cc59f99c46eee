import { eq } from 'drizzle-orm';
import { bytesToMb, getDb, releaseStorage } from '$lib/server/db';
import { stackedFrames, stackingJobs, uploadSessions } from '$lib/server/db/schema';
import { ownStackRow } from '$lib/server/stacks';
import { chargedPaths, removeStackObjects } from './stack-objects';

/**
 * The owner deletes a stack: its FITS, PNG and report, then its row, and what they weighed comes
 * off the owner's storage use (never below 0). A stack uploaded from the telescope takes its
 * stand-in upload session and job with it. Null when the stack is not the user's.
 */
export async function deleteStack(userId: number, id: number): Promise<{ freedMb: number } | null> {
	const row = await ownStackRow(userId, id);
	if (!row) return null;
	const freedMb = bytesToMb(await removeStackObjects({ stacks: 1, charged: chargedPaths(row), other: [], folders: [] }));
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
		await releaseStorage(tx, userId, freedMb);
	});
	return { freedMb };
}
