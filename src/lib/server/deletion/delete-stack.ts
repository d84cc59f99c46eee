import { eq } from 'drizzle-orm';
import { bytesToMb, getDb, releaseStorage } from '$lib/server/db';
import { stackedFrames } from '$lib/server/db/schema';
import { endShareLink, ownStackRow } from '$lib/server/stacks';
import { picturePath } from '$lib/server/storage';
import { chargedPaths, removeStackObjects } from './stack-objects';

/**
 * The owner deletes a stack: its FITS, PNG, report and picture, then its row, and what they weighed comes
 * off the owner's storage use (never below 0). Its job, if it had one, stays. Null when the stack
 * is not the user's.
 */
export async function deleteStack(userId: number, id: number): Promise<{ freedMb: number } | null> {
	const row = await ownStackRow(userId, id);
	if (!row) return null;
	const freedMb = bytesToMb(await removeStackObjects({ stacks: 1, charged: chargedPaths(row), other: [picturePath(row.storagePath)], folders: [] }));
	await getDb().transaction(async (tx) => {
		if (row.shareTokenHash !== null) await endShareLink(tx, row.shareTokenHash, 'deleted');
		await tx.delete(stackedFrames).where(eq(stackedFrames.id, row.id));
		await releaseStorage(tx, userId, freedMb);
	});
	return { freedMb };
}
