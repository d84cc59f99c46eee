import { and, asc, count, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { apiTokens, users } from '$lib/server/db/schema';
import { AdminError } from './admin-error';

export interface UserRow {
	id: number;
	username: string;
	tier: string;
	active: boolean;
	usedMb: number;
	limitMb: number;
	tokens: number;
}

/** users.storage_limit_mb is DECIMAL(10, 2). */
const MAX_QUOTA_MB = 99_999_999.99;

/** Every account (or those `where` selects) with its storage use and its number of active API tokens, by id. */
export async function listUsers(db: Db, where?: SQL): Promise<UserRow[]> {
	const rows = await db
		.select({
			id: users.id,
			username: users.username,
			tier: users.tier,
			active: users.isActive,
			usedMb: users.storageUsedMb,
			limitMb: users.storageLimitMb,
			tokens: count(apiTokens.id)
		})
		.from(users)
		.leftJoin(apiTokens, and(eq(apiTokens.userId, users.id), isNull(apiTokens.revokedAt)))
		.where(where)
		.groupBy(users.id)
		.orderBy(asc(users.id));
	return rows.map((row) => ({ ...row, active: row.active === 1, usedMb: Number(row.usedMb), limitMb: Number(row.limitMb) }));
}

/** `"500"`, `"1024.5"`: MB as the column keeps them (two decimals), or an AdminError saying what is wrong. */
export function parseQuotaMb(text: string): number {
	if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) throw new AdminError(`quota "${text}" is not a number of MB (e.g. 500 or 1024.5, at most two decimals)`);
	const mb = Number(text);
	if (mb > MAX_QUOTA_MB) throw new AdminError(`quota ${text} MB is more than the ${MAX_QUOTA_MB} MB the column holds`);
	return mb;
}

/**
 * Sets an account's storage quota, found by username (or, failing that, by id when a number).
 * Stored data over a lowered quota stays; only new uploads are refused (src/lib/api/quota.ts).
 */
export async function setQuota(db: Db, user: string, mbText: string): Promise<UserRow> {
	const mb = parseQuotaMb(mbText);
	let [found] = await listUsers(db, eq(users.username, user));
	if (!found && /^\d+$/.test(user)) [found] = await listUsers(db, eq(users.id, Number(user)));
	if (!found) throw new AdminError(`no user "${user}" (\`npm run admin -- users\` lists them)`);
	await db.update(users).set({ storageLimitMb: mb.toFixed(2) }).where(eq(users.id, found.id));
	return { ...found, limitMb: mb };
}
