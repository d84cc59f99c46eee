import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { DbOrTx } from '$lib/server/db/types';
import { volunteerNetworks } from '$lib/server/db/schema';

/** Notes that an account was seen on a network (registration, claim, result, fail). Idempotent. */
export async function recordNetwork(db: DbOrTx, userId: number, network: string): Promise<void> {
	await db
		.insert(volunteerNetworks)
		.values({ userId, network })
		.onDuplicateKeyUpdate({ set: { lastSeen: sql`CURRENT_TIMESTAMP` } });
}

export interface Origin {
	userId: number;
	network: string;
}

/**
 * Whether two volunteers count as independent witnesses: other accounts, on other networks now,
 * and never seen on one network before (an account registered from home and used from a cloud
 * box shares its home with every other account registered there).
 */
export async function independent(db: DbOrTx, a: Origin, b: Origin): Promise<boolean> {
	if (a.userId === b.userId || a.network === b.network) return false;
	const other = alias(volunteerNetworks, 'other');
	const [shared] = await db
		.select({ network: volunteerNetworks.network })
		.from(volunteerNetworks)
		.innerJoin(other, and(eq(other.network, volunteerNetworks.network), eq(other.userId, b.userId)))
		.where(eq(volunteerNetworks.userId, a.userId))
		.limit(1);
	return !shared;
}
