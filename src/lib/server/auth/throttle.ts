/**
 * Login rate limiting, shared by every server instance through the `login_throttle` table.
 * Failures are counted per account (`user:<name>`) and per client address (`ip:<addr>`) inside a
 * window; reaching the limit locks that key for a while. Keys exist for names that have no
 * account too, so a lock-out never reveals whether a username exists.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { loginThrottle } from '$lib/server/db/schema';

const MINUTE_MS = 60 * 1000;

export interface ThrottleRule {
	/** Failures inside one window that trigger a lock. */
	maxFailures: number;
	windowMs: number;
	lockMs: number;
}

/** Per account: 5 wrong passwords in 15 minutes lock that username for 15 minutes. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };
/** Per address: higher, since many people may share one address (a club, a campus NAT). */
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };

export interface ThrottleKey {
	key: string;
	rule: ThrottleRule;
}

export function loginThrottleKeys(username: string, address: string): ThrottleKey[] {
	return [
		{ key: `user:${username.toLowerCase()}`.slice(0, 191), rule: ACCOUNT_RULE },
		{ key: `ip:${address}`.slice(0, 191), rule: ADDRESS_RULE }
	];
}

/** When the latest lock among `keys` ends, or null when none is locked now. */
export async function lockedUntil(keys: ThrottleKey[], now = new Date()): Promise<Date | null> {
	const rows = await getDb()
		.select({ lockedUntil: loginThrottle.lockedUntil })
		.from(loginThrottle)
		.where(inArray(loginThrottle.key, keys.map((k) => k.key)));
	let latest: Date | null = null;
	for (const { lockedUntil } of rows) {
		if (lockedUntil && lockedUntil > now && (!latest || lockedUntil > latest)) latest = lockedUntil;
	}
	return latest;
}

/**
 * Count one failure against each key, atomically (concurrent attempts cannot slip past the limit).
 * MariaDB evaluates the assignments left to right, each seeing the columns already updated.
 */
export async function recordLoginFailure(keys: ThrottleKey[], now = new Date()): Promise<void> {
	const db = getDb();
	for (const { key, rule } of keys) {
		const windowFloor = new Date(now.getTime() - rule.windowMs);
		const lockEnd = new Date(now.getTime() + rule.lockMs);
		await db
			.insert(loginThrottle)
			.values({ key, failures: 1, windowStart: now })
			.onDuplicateKeyUpdate({
				set: {
					failures: sql`IF(${loginThrottle.windowStart} < ${windowFloor}, 1, ${loginThrottle.failures} + 1)`,
					windowStart: sql`IF(${loginThrottle.failures} = 1, ${now}, ${loginThrottle.windowStart})`,
					lockedUntil: sql`IF(${loginThrottle.failures} >= ${rule.maxFailures}, ${lockEnd}, ${loginThrottle.lockedUntil})`
				}
			});
	}
}

/** Forget an account's failures after a successful login (the address count keeps running). */
export async function clearLoginFailures(key: ThrottleKey): Promise<void> {
	await getDb().delete(loginThrottle).where(eq(loginThrottle.key, key.key));
}
