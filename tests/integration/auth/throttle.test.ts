import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_RULE, ADDRESS_RULE, INVALID_LOGIN_MESSAGE, loginUser, registerUser } from '$lib/server/auth';
import { loginThrottle } from '$lib/server/db/schema';
import { testDb, withDb } from '../../helpers/db';

withDb();

let counter = 0;
async function registered() {
	counter += 1;
	const username = `throttled${counter}_${process.pid}`;
	const password = 'a fine password';
	await registerUser({ username, email: `${username}@example.org`, password, passwordRepeat: password });
	return { username, password };
}

async function throttleRow(key: string) {
	const [row] = await testDb().select().from(loginThrottle).where(eq(loginThrottle.key, key));
	return row;
}

const LOCKED = /^Too many failed attempts\. Try again in \d+ minutes?\.$/;

describe('login throttling per account', () => {
	it(`locks an account after ${ACCOUNT_RULE.maxFailures} failures, even for the right password`, async () => {
		const { username, password } = await registered();
		for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) {
			// a different address each time: the account limit alone must trigger
			expect(await loginUser(username, `wrong ${i}`, `10.1.${counter}.${i}`)).toEqual({
				ok: false,
				message: INVALID_LOGIN_MESSAGE
			});
		}
		const locked = await loginUser(username, password, '10.9.9.9');
		expect(locked.ok).toBe(false);
		expect(locked.ok ? '' : locked.message).toMatch(LOCKED);
		expect((await throttleRow(`user:${username}`)).failures).toBe(ACCOUNT_RULE.maxFailures);
	});

	it('counts usernames case-insensitively and locks names that have no account too', async () => {
		const name = `Nobody${process.pid}`;
		for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) {
			await loginUser(i % 2 ? name.toUpperCase() : name, 'guess', `10.2.${i}.1`);
		}
		const result = await loginUser(name.toLowerCase(), 'guess', '10.2.99.1');
		expect(result.ok ? '' : result.message).toMatch(LOCKED);
	});

	it('opens again when the lock has passed, and forgets failures after a success', async () => {
		const { username, password } = await registered();
		const key = `user:${username}`;
		for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) await loginUser(username, 'wrong', `10.3.${i}.1`);
		expect((await throttleRow(key)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());

		// Fake the passage of time: the lock ended and the window began long ago.
		const past = new Date(Date.now() - 60 * 60 * 1000);
		await testDb().update(loginThrottle).set({ lockedUntil: past, windowStart: past }).where(eq(loginThrottle.key, key));

		expect((await loginUser(username, password, '10.3.50.1')).ok).toBe(true);
		expect(await throttleRow(key)).toBeUndefined();
	});

	it('starts a new count once the window has passed', async () => {
		const { username } = await registered();
		const key = `user:${username}`;
		for (let i = 0; i < ACCOUNT_RULE.maxFailures - 1; i++) await loginUser(username, 'wrong', `10.4.${i}.1`);
		expect((await throttleRow(key)).failures).toBe(ACCOUNT_RULE.maxFailures - 1);

		const old = new Date(Date.now() - ACCOUNT_RULE.windowMs - 60_000);
		await testDb().update(loginThrottle).set({ windowStart: old }).where(eq(loginThrottle.key, key));
		await loginUser(username, 'wrong', '10.4.99.1');
		const row = await throttleRow(key);
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
		expect((await throttleRow(`ip:${address}`)).failures).toBe(ADDRESS_RULE.maxFailures);

		// From that address even a correct login waits; from another it works.
		const blocked = await loginUser(username, password, address);
		expect(blocked.ok ? '' : blocked.message).toMatch(LOCKED);
		expect((await loginUser(username, password, '192.0.2.78')).ok).toBe(true);
	});
});
