import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	ACCOUNT_RULE,
	ADDRESS_RULE,
	INVALID_LOGIN_MESSAGE,
	loginThrottleKeys,
	loginUser,
	registerUser
} from '$lib/server/auth';
import { loginThrottle } from '$lib/server/db/schema';
import { testDb, withDb } from '../../helpers/db';

withDb();

let counter = 0;
async function registered() {
	counter += 1;
	const username = `throttled${counter}_${process.pid}`;
	const password = 'a fine password';
	await registerUser({ username, email: `${username}@example.org`, password, passwordRepeat: password }, `10.200.0.${counter}`);
	return { username, password };
}

async function throttleRow(key: string) {
	const [row] = await testDb().select().from(loginThrottle).where(eq(loginThrottle.key, key));
	return row;
}

/** The pair key (account at address) and the address key of one login. */
function keysOf(username: string, address: string) {
	const [pair, byAddress] = loginThrottleKeys(username, address).map((k) => k.key);
	return { pair, byAddress };
}

const LOCKED = /^Too many failed attempts\. Try again in \d+ minutes?\.$/;

/** How many answers said "wrong password" (each one an argon2 check) and how many "locked". */
function tally(results: Awaited<ReturnType<typeof loginUser>>[]) {
	const messages = results.map((r) => (r.ok ? 'ok' : r.message));
	return {
		checked: messages.filter((m) => m === INVALID_LOGIN_MESSAGE).length,
		locked: messages.filter((m) => LOCKED.test(m)).length
	};
}

describe('login throttling under concurrency', () => {
	it(`100 parallel wrong passwords for one account from one address: only ${ACCOUNT_RULE.maxFailures} are checked`, async () => {
		const { username } = await registered();
		const results = await Promise.all(
			Array.from({ length: 100 }, (_, i) => loginUser(username, `wrong ${i}`, '198.51.100.1'))
		);
		expect(tally(results)).toEqual({ checked: ACCOUNT_RULE.maxFailures, locked: 100 - ACCOUNT_RULE.maxFailures });
	});

	it(`200 parallel usernames from one address: only ${ADDRESS_RULE.maxFailures} are checked`, async () => {
		const results = await Promise.all(
			Array.from({ length: 200 }, (_, i) => loginUser(`spray${i}_${process.pid}`, 'guess', '198.51.100.2'))
		);
		expect(tally(results)).toEqual({ checked: ADDRESS_RULE.maxFailures, locked: 200 - ADDRESS_RULE.maxFailures });
	});
});

describe('login throttling per account at an address', () => {
	it(`locks the account at that address after ${ACCOUNT_RULE.maxFailures} failures, even for the right password`, async () => {
		const { username, password } = await registered();
		const address = '10.1.0.1';
		for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) {
			expect(await loginUser(username, `wrong ${i}`, address)).toEqual({ ok: false, message: INVALID_LOGIN_MESSAGE });
		}
		const locked = await loginUser(username, password, address);
		expect(locked.ok ? '' : locked.message).toMatch(LOCKED);
		expect((await throttleRow(keysOf(username, address).pair)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
	});

	it('an attacker failing from many addresses cannot keep the owner out of her own address', async () => {
		const { username, password } = await registered();
		for (let a = 0; a < 10; a++) {
			const attempts = Array.from({ length: ACCOUNT_RULE.maxFailures + 3 }, (_, i) =>
				loginUser(username, `guess ${i}`, `203.0.113.${a}`)
			);
			expect(tally(await Promise.all(attempts)).checked).toBe(ACCOUNT_RULE.maxFailures);
		}
		expect((await loginUser(username, password, '10.1.0.2')).ok).toBe(true);
	});

	it('counts usernames case-insensitively and locks names that have no account too', async () => {
		const name = `Nobody${process.pid}`;
		const address = '10.2.0.1';
		for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) {
			expect((await loginUser(i % 2 ? name.toUpperCase() : name, 'guess', address)).ok).toBe(false);
		}
		const result = await loginUser(name.toLowerCase(), 'guess', address);
		expect(result.ok ? '' : result.message).toMatch(LOCKED);
	});

	it('opens again when the lock has passed, and forgets failures after a success', async () => {
		const { username, password } = await registered();
		const address = '10.3.0.1';
		const { pair } = keysOf(username, address);
		// The attempt after the last one checked is refused and locks.
		for (let i = 0; i <= ACCOUNT_RULE.maxFailures; i++) await loginUser(username, 'wrong', address);
		expect((await throttleRow(pair)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());

		// Fake the passage of time: the lock ended and the window began long ago.
		const past = new Date(Date.now() - 60 * 60 * 1000);
		await testDb().update(loginThrottle).set({ lockedUntil: past, windowStart: past }).where(eq(loginThrottle.key, pair));

		expect((await loginUser(username, password, address)).ok).toBe(true);
		expect(await throttleRow(pair)).toBeUndefined();
	});

	it('starts a new count once the window has passed', async () => {
		const { username } = await registered();
		const address = '10.4.0.1';
		const { pair } = keysOf(username, address);
		for (let i = 0; i < ACCOUNT_RULE.maxFailures - 1; i++) await loginUser(username, 'wrong', address);
		expect((await throttleRow(pair)).failures).toBe(ACCOUNT_RULE.maxFailures - 1);

		const old = new Date(Date.now() - ACCOUNT_RULE.windowMs - 60_000);
		await testDb().update(loginThrottle).set({ windowStart: old }).where(eq(loginThrottle.key, pair));
		await loginUser(username, 'wrong', address);
		const row = await throttleRow(pair);
		expect(row.failures).toBe(1);
		expect(row.lockedUntil).toBeNull();
		expect(row.windowStart.getTime()).toBeGreaterThan(old.getTime());
	});
});

describe('login throttling per address', () => {
	it(`locks an address after ${ADDRESS_RULE.maxFailures} failures across many usernames`, async () => {
		const { username, password } = await registered();
		const address = '192.0.2.77';
		for (let i = 0; i < ADDRESS_RULE.maxFailures; i++) {
			expect((await loginUser(`spray${i}_${process.pid}`, 'guess', address)).ok).toBe(false);
		}
		expect((await throttleRow(keysOf(username, address).byAddress)).failures).toBe(ADDRESS_RULE.maxFailures);

		// From that address even a correct login waits; from another it works.
		const blocked = await loginUser(username, password, address);
		expect(blocked.ok ? '' : blocked.message).toMatch(LOCKED);
		expect((await loginUser(username, password, '192.0.2.78')).ok).toBe(true);
	});

	it('a successful login does not count against its address', async () => {
		const { username, password } = await registered();
		const address = '192.0.2.90';
		for (let i = 0; i < ADDRESS_RULE.maxFailures + 5; i++) expect((await loginUser(username, password, address)).ok).toBe(true);
		expect((await throttleRow(keysOf(username, address).byAddress))?.failures ?? 0).toBe(0);
	});
});
