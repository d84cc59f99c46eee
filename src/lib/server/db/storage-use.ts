import { eq, sql } from 'drizzle-orm';
import { users } from './schema';
import type { StorageUse } from '$lib/api/quota';
import type { DbOrTx } from './types';

/** Storage use is kept in MB with two decimals (users.storage_used_mb). */
export function bytesToMb(bytes: number): number {
	return Math.round((bytes / 1048576) * 100) / 100;
}

/** The user's storage use and limit in MB (raws and stacks together). */
export async function storageUse(db: DbOrTx, userId: number): Promise<StorageUse> {
	const [row] = await db
		.select({ usedMb: users.storageUsedMb, limitMb: users.storageLimitMb })
		.from(users)
		.where(eq(users.id, userId));
	if (!row) throw new Error(`user ${userId} does not exist`);
	return { usedMb: Number(row.usedMb), limitMb: Number(row.limitMb) };
}

/** Adds what newly stored objects weigh to the owner's storage use. */
export async function chargeStorage(db: DbOrTx, userId: number, bytes: number): Promise<void> {
	await db
		.update(users)
		.set({ storageUsedMb: sql`${users.storageUsedMb} + ${bytesToMb(bytes)}` })
		.where(eq(users.id, userId));
}

/** Takes what removed objects (stacks, raws) weighed off the owner's storage use; never below 0. */
export async function releaseStorage(db: DbOrTx, userId: number, mb: number): Promise<void> {
	if (mb <= 0) return;
	await db
		.update(users)
		.set({ storageUsedMb: sql`GREATEST(0, ${users.storageUsedMb} - ${mb})` })
		.where(eq(users.id, userId));
}
