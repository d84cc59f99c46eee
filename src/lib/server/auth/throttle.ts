/**
 * Login rate limiting, shared by every server instance through the `login_throttle` table.
 * Every attempt is counted before its password is checked, in one transaction that also reads the
 * count back, so concurrent attempts cannot slip past the bound: the attempt over it is refused
 * without running argon2. Counts are kept per account *at an address* (`user:<address>/<name>`) and
 * per address (`ip:<address>`), never per account alone: a lock then keeps out the one guessing,
 * not the owner logging in from her own address. Keys exist for names that have no account too,
 * so a lock-out never reveals whether a username exists.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { loginThrottle } from '$lib/server/db/schema';

const MINUTE_MS = 60 * 1000;

export interface ThrottleRule {
	/** Attempts inside one window that are checked; the next one is refused and locks the key. */
	maxFailures: number;
	windowMs: number;
	lockMs: number;
}

/** Per account at one address: 5 wrong passwords in 15 minutes lock that pair for 15 minutes. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };
/** Per address: higher, since many people may share one address (a club, a campus NAT). */
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * MINUTE_MS, lockMs: 15 * MINUTE_MS };

export interface ThrottleKey {
	key: string;
	rule: ThrottleRule;
}

/** The pair key (account at address) first, then the address key. */
export function loginThrottleKeys(username: string, address: string): [ThrottleKey, ThrottleKey] {
	return [
		{ key: `user:${address}/${username.toLowerCase()}`.slice(0, 191), rule: ACCOUNT_RULE },
		{ key: `ip:${address}`.slice(0, 191), rule: ADDRESS_RULE }
	];
}

/**
 * Count one attempt against each key; the end of the latest lock among them when this attempt is
 * over a bound (refuse it), or null (check the password). MariaDB evaluates the assignments left to
 * right, each seeing the columns already updated; the row stays locked until the read-back commits.
 */
export async function countAttempt(keys: ThrottleKey[], now = new Date()): Promise<Date | null> {
	return getDb().transaction(async (tx) => {
		for (const { key, rule } of keys) {
			const windowFloor = new Date(now.getTime() - rule.windowMs);
			const lockEnd = new Date(now.getTime() + rule.lockMs);
			// A lock that has run out, or a window that has passed, starts the count anew.
			const fresh = sql`(${loginThrottle.lockedUntil} <= ${now} OR (${loginThrottle.lockedUntil} IS NULL AND ${loginThrottle.windowStart} < ${windowFloor}))`;
			await tx
				.insert(loginThrottle)
				.values({ key, failures: 1, windowStart: now })
				.onDuplicateKeyUpdate({
					set: {
						failures: sql`IF(${fresh}, 1, ${loginThrottle.failures} + 1)`,
						windowStart: sql`IF(${loginThrottle.failures} = 1, ${now}, ${loginThrottle.windowStart})`,
						lockedUntil: sql`IF(${loginThrottle.lockedUntil} > ${now}, ${loginThrottle.lockedUntil}, IF(${loginThrottle.failures} > ${rule.maxFailures}, ${lockEnd}, NULL))`
					}
				});
		}
		const rows = await tx
			.select({ lockedUntil: loginThrottle.lockedUntil })
			.from(loginThrottle)
			.where(inArray(loginThrottle.key, keys.map((k) => k.key)));
		let latest: Date | null = null;
		for (const { lockedUntil } of rows) {
			if (lockedUntil && lockedUntil > now && (!latest || lockedUntil > latest)) latest = lockedUntil;
		}
		return latest;
	});
}

/** A right password: forget the pair's attempts, and take this one back from the address's count. */
export async function forgiveLoginAttempt([pair, address]: [ThrottleKey, ThrottleKey]): Promise<void> {
	const db = getDb();
	await db.delete(loginThrottle).where(eq(loginThrottle.key, pair.key));
	await db
		.update(loginThrottle)
		.set({ failures: sql`GREATEST(${loginThrottle.failures}, 1) - 1` })
		.where(eq(loginThrottle.key, address.key));
}

/** Bounds REGISTRATIONS_PER_HOUR: at least one account, and a bound that still means something. */
const REGISTRATIONS_RANGE = [1, 100_000] as const;

/** Per address: REGISTRATIONS_PER_HOUR (default 5) registrations tried in an hour; the next waits the hour out. */
export function registrationRule(): ThrottleRule {
	const raw = process.env.REGISTRATIONS_PER_HOUR?.trim();
	const perHour = raw ? Number(raw) : 5;
	if (!Number.isInteger(perHour) || perHour < REGISTRATIONS_RANGE[0] || perHour > REGISTRATIONS_RANGE[1]) {
		throw new RangeError(
			`REGISTRATIONS_PER_HOUR=${JSON.stringify(raw)} is not a whole number in ${REGISTRATIONS_RANGE[0]}..${REGISTRATIONS_RANGE[1]}`
		);
	}
	return { maxFailures: perHour, windowMs: 60 * MINUTE_MS, lockMs: 60 * MINUTE_MS };
}

export function registrationThrottleKey(address: string): ThrottleKey {
	return { key: `register:${address}`.slice(0, 191), rule: registrationRule() };
}
