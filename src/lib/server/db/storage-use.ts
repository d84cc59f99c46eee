import { eq, sql } from 'drizzle-orm';
import { users } from './schema';
import type { DbOrTx } from './types';

/** Storage use is kept in MB with two decimals (users.storage_used_mb). */
export function bytesToMb(bytes: number): number {
	return Math.round((bytes / 1048576) * 100) / 100;
}

/** Adds what newly stored objects weigh to the owner's storage use. */
export async function chargeStorage(db: DbOrTx, userId: number, bytes: number): Promise<void> {
	await db
		.update(users)
		.set({ storageUsedMb: sql`${users.storageUsedMb} + ${bytesToMb(bytes)}` })
		.where(eq(users.id, userId));
}

/** Takes what removed stacks weighed off the owner's storage use; never below 0. */
export async function releaseStorage(db: DbOrTx, userId: number, mb: number): Promise<void> {
	if (mb <= 0) return;
	await db
		.update(users)
		.set({ storageUsedMb: sql`GREATEST(0, ${users.storageUsedMb} - ${mb})` })
		.where(eq(users.id, userId));
}
