import { and, eq, inArray, sql } from 'drizzle-orm';
import { rawFiles } from './schema';
import { bytesToMb, releaseStorage } from './storage-use';
import type { DbOrTx } from './types';

/**
 * Marks these raw_files rows deleted and takes what the live ones weighed off their owners'
 * storage use, inside the caller's transaction. Rows already marked are skipped, so marking twice
 * (a crash retried, two sweeps at once) releases once. Returns the rows it marked and the MB released.
 */
export async function markRawsDeleted(tx: DbOrTx, ids: number[]): Promise<{ marked: number; freedMb: number }> {
	if (ids.length === 0) return { marked: 0, freedMb: 0 };
	const live = and(inArray(rawFiles.id, ids), eq(rawFiles.isDeleted, 0));
	const owners = await tx
		.select({ userId: rawFiles.userId, bytes: sql<string>`SUM(${rawFiles.fileSizeBytes})`, n: sql<number>`COUNT(*)` })
		.from(rawFiles)
		.where(live)
		.groupBy(rawFiles.userId)
		.for('update');
	if (owners.length === 0) return { marked: 0, freedMb: 0 };
	await tx.update(rawFiles).set({ isDeleted: 1 }).where(live);
	let freedMb = 0;
	for (const { userId, bytes } of owners) {
		await releaseStorage(tx, userId, bytesToMb(Number(bytes)));
		freedMb += bytesToMb(Number(bytes));
	}
	return { marked: owners.reduce((sum, { n }) => sum + Number(n), 0), freedMb };
}
