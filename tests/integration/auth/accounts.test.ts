import bcrypt from 'bcryptjs';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { INACTIVE_ACCOUNT_MESSAGE, INVALID_LOGIN_MESSAGE, loginUser, registerUser, registrationRule } from '$lib/server/auth';
import { verifyPassword } from '$lib/server/auth/password';
import { users } from '$lib/server/db/schema';
import { createTestUser, testDb, withDb } from '../../helpers/db';

withDb();

let counter = 0;
/** A fresh registration and a fresh client address, so throttling from other tests stays out. */
function newcomer() {
	counter += 1;
	const username = `observer${counter}_${process.pid}`;
	return {
		input: { username, email: `${username}@example.org`, password: 'dark skies 2025', passwordRepeat: 'dark skies 2025' },
		address: `10.0.0.${counter}`
	};
}

async function userCount() {
	const [{ n }] = await testDb().select({ n: count() }).from(users);
	return n;
}

async function storedHash(username: string) {
	const [row] = await testDb().select().from(users).where(eq(users.username, username));
	return row.passwordHash;
}

describe('registerUser', () => {
	it('creates a free user with an argon2id hash, never the password', async () => {
		const { input, address } = newcomer();
		const result = await registerUser(input, address);
		expect(result).toMatchObject({ ok: true, user: { username: input.username, tier: 'free', storageUsedMb: 0 } });
		const hash = await storedHash(input.username);
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(hash).not.toContain(input.password);
	});

	it('refuses a taken username, whatever the case, and adds no row', async () => {
		const { input, address } = newcomer();
		await registerUser(input, address);
		const before = await userCount();

		const sameName = await registerUser({ ...input, username: input.username.toUpperCase(), email: 'other@example.org' }, address);
		expect(sameName).toEqual({
			ok: false,
			field: 'username',
			message: `The username "${input.username.toUpperCase()}" is already taken.`
		});
		expect(await userCount()).toBe(before);
	});

	it('answers a taken email exactly as a free one: it never tells whether an address has an account', async () => {
		const first = newcomer();
		await registerUser(first.input, first.address);
		const taken = newcomer();
		const free = newcomer();
		const answers = [
			await registerUser({ ...taken.input, email: first.input.email.toUpperCase() }, taken.address),
			await registerUser(free.input, free.address)
		];
		for (const [answer, { input }] of [[answers[0], taken], [answers[1], free]] as const) {
			expect(answer).toMatchObject({ ok: true, user: { username: input.username } });
		}
	});

	it(`lets one address try ${registrationRule().maxFailures} registrations an hour, counted before any is made`, async () => {
		const address = '198.51.100.30';
		const results = await Promise.all(
			Array.from({ length: 20 }, () => {
				const { input } = newcomer();
				return registerUser(input, address);
			})
		);
		expect(results.filter((r) => r.ok).length).toBe(registrationRule().maxFailures);
		for (const refused of results.filter((r) => !r.ok)) {
			expect(refused).toEqual({ ok: false, message: 'Too many registrations from your network. Try again in 60 minutes.' });
		}
		// Another address is not affected.
		const { input, address: elsewhere } = newcomer();
		expect((await registerUser(input, elsewhere)).ok).toBe(true);
	});

	it('refuses bad input before touching the database', async () => {
		const before = await userCount();
		const { input, address } = newcomer();
		for (const bad of [
			{ ...input, username: "' OR 1=1 --" },
			{ ...input, username: 'u'.repeat(65) },
			{ ...input, email: "x' OR '1'='1" },
			{ ...input, password: 'short', passwordRepeat: 'short' }
		]) {
			expect((await registerUser(bad, address)).ok).toBe(false);
		}
		expect(await userCount()).toBe(before);
	});
});

describe('loginUser', () => {
	it('logs in with the right password and gives one message for every wrong combination', async () => {
		const { input, address } = newcomer();
		await registerUser(input, address);

		const ok = await loginUser(input.username, input.password, address);
		expect(ok).toMatchObject({ ok: true, user: { username: input.username } });

		const wrongPassword = await loginUser(input.username, 'not the password', address);
		const unknownUser = await loginUser(`${input.username}_nobody`, input.password, address);
		const injection = await loginUser("' OR 1=1 --", "' OR 1=1 --", address);
		for (const result of [wrongPassword, unknownUser, injection]) {
			expect(result).toEqual({ ok: false, message: INVALID_LOGIN_MESSAGE });
		}
	});

	it('accepts a PHP bcrypt ($2y$) hash once, then stores argon2id instead', async () => {
		const { address } = newcomer();
		const legacy = bcrypt.hashSync('from the old site', 10).replace(/^\$2b\$/, '$2y$');
		const user = await createTestUser({ passwordHash: legacy });

		expect((await loginUser(user.username, 'wrong one', address)).ok).toBe(false);
		expect(await storedHash(user.username)).toBe(legacy);

		expect((await loginUser(user.username, 'from the old site', address)).ok).toBe(true);
		const rehashed = await storedHash(user.username);
		expect(rehashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(rehashed, 'from the old site')).toBe(true);
		expect((await loginUser(user.username, 'from the old site', address)).ok).toBe(true);
		expect(await storedHash(user.username)).toBe(rehashed);
	});

	it('refuses a deactivated account even with the right password', async () => {
		const { input, address } = newcomer();
		await registerUser(input, address);
		await testDb().update(users).set({ isActive: 0 }).where(eq(users.username, input.username));
		expect(await loginUser(input.username, input.password, address)).toEqual({
			ok: false,
			message: INACTIVE_ACCOUNT_MESSAGE
		});
		expect(await loginUser(input.username, 'wrong password', address)).toEqual({
			ok: false,
			message: INVALID_LOGIN_MESSAGE
		});
	});

	it('asks for both fields when one is empty', async () => {
		const { input, address } = newcomer();
		expect(await loginUser('', input.password, address)).toEqual({
			ok: false,
			message: 'Enter your username and password.'
		});
		expect((await loginUser(input.username, '', address)).ok).toBe(false);
	});
});
