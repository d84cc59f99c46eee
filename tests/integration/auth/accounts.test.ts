import bcrypt from 'bcryptjs';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { INACTIVE_ACCOUNT_MESSAGE, INVALID_LOGIN_MESSAGE, loginUser, registerUser } from '$lib/server/auth';
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
		const { input } = newcomer();
		const result = await registerUser(input);
		expect(result).toMatchObject({ ok: true, user: { username: input.username, tier: 'free', storageUsedMb: 0 } });
		const hash = await storedHash(input.username);
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(hash).not.toContain(input.password);
	});

	it('refuses a taken username or email, whatever the case, and adds no row', async () => {
		const { input } = newcomer();
		await registerUser(input);
		const before = await userCount();

		const sameName = await registerUser({ ...input, username: input.username.toUpperCase(), email: 'other@example.org' });
		expect(sameName).toEqual({
			ok: false,
			field: 'username',
			message: `The username "${input.username.toUpperCase()}" is already taken.`
		});
		const sameEmail = await registerUser({ ...input, username: `${input.username}x`, email: input.email.toUpperCase() });
		expect(sameEmail).toMatchObject({ ok: false, field: 'email' });
		expect(await userCount()).toBe(before);
	});

	it('refuses bad input before touching the database', async () => {
		const before = await userCount();
		const { input } = newcomer();
		for (const bad of [
			{ ...input, username: "' OR 1=1 --" },
			{ ...input, username: 'u'.repeat(65) },
			{ ...input, email: "x' OR '1'='1" },
			{ ...input, password: 'short', passwordRepeat: 'short' }
		]) {
			expect((await registerUser(bad)).ok).toBe(false);
		}
		expect(await userCount()).toBe(before);
	});
});

describe('loginUser', () => {
	it('logs in with the right password and gives one message for every wrong combination', async () => {
		const { input, address } = newcomer();
		await registerUser(input);

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
		await registerUser(input);
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
