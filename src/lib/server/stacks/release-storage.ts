import { eq, sql } from 'drizzle-orm';
import { users } from '$lib/server/db/schema';
import type { DbOrTx } from '$lib/server/db';

/** Takes what the removed stacks weighed off the owner's storage use; never below 0. */
export async function releaseStorage(db: DbOrTx, userId: number, mb: number): Promise<void> {
	if (mb <= 0) return;
	await db
		.update(users)
		.set({ storageUsedMb: sql`GREATEST(0, ${users.storageUsedMb} - ${mb})` })
		.where(eq(users.id, userId));
}
