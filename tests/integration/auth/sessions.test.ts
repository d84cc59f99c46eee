import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from '$lib/server/auth';
import { sessions, users } from '$lib/server/db/schema';
import { createTestUser, testDb, withDb } from '../../helpers/db';
import { hashToken } from '$lib/server/auth/token';

withDb();

const DAY = 24 * 60 * 60 * 1000;

async function sessionRow(id: string) {
	const [row] = await testDb().select().from(sessions).where(eq(sessions.id, id));
	return row;
}

async function setExpiry(id: string, expiresAt: Date) {
	await testDb().update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
}

describe('sessions', () => {
	it('stores only the SHA-256 of the token and finds the user by the token', async () => {
		const user = await createTestUser();
		const token = generateSessionToken();
		const session = await createSession(token, user.id);

		expect(session.id).toBe(hashToken(token));
		expect(session.id).not.toContain(token);
		const row = await sessionRow(session.id);
		expect(row.userId).toBe(user.id);
		// 30 days ahead, to the second the database keeps
		expect(Math.abs(row.expiresAt.getTime() - (Date.now() + SESSION_LIFETIME_MS))).toBeLessThan(5000);

		const result = await validateSessionToken(token);
		expect(result.user).toMatchObject({ id: user.id, username: user.username, email: user.email });
		expect(result.user?.storageLimitMb).toBe(500);
		expect(result.session?.userId).toBe(user.id);
	});

	it('answers nulls for an unknown token', async () => {
		expect(await validateSessionToken(generateSessionToken())).toEqual({ session: null, user: null });
	});

	it('renews a session with less than 15 days left and leaves a fresher one alone', async () => {
		const user = await createTestUser();
		const token = generateSessionToken();
		const { id } = await createSession(token, user.id);

		const fresh = new Date(Math.floor((Date.now() + 20 * DAY) / 1000) * 1000);
		await setExpiry(id, fresh);
		await validateSessionToken(token);
		expect((await sessionRow(id)).expiresAt.getTime()).toBe(fresh.getTime());

		await setExpiry(id, new Date(Date.now() + 10 * DAY));
		const renewed = await validateSessionToken(token);
		const stored = (await sessionRow(id)).expiresAt.getTime();
		expect(Math.abs(stored - (Date.now() + 30 * DAY))).toBeLessThan(5000);
		expect(Math.abs((renewed.session?.expiresAt.getTime() ?? 0) - stored)).toBeLessThan(1000);
	});

	it('deletes an expired session and refuses it', async () => {
		const user = await createTestUser();
		const token = generateSessionToken();
		const { id } = await createSession(token, user.id);
		await setExpiry(id, new Date(Date.now() - 1000));

		expect(await validateSessionToken(token)).toEqual({ session: null, user: null });
		expect(await sessionRow(id)).toBeUndefined();
	});

	it('refuses the sessions of a deactivated user', async () => {
		const user = await createTestUser();
		const token = generateSessionToken();
		await createSession(token, user.id);
		await testDb().update(users).set({ isActive: 0 }).where(eq(users.id, user.id));
		expect((await validateSessionToken(token)).user).toBeNull();
	});

	it('invalidates one session, or all of a user', async () => {
		const user = await createTestUser();
		const other = await createTestUser();
		const [a, b, c] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		const sa = await createSession(a, user.id);
		await createSession(b, user.id);
		await createSession(c, other.id);

		await invalidateSession(sa.id);
		expect((await validateSessionToken(a)).session).toBeNull();
		expect((await validateSessionToken(b)).session).not.toBeNull();

		await invalidateUserSessions(user.id);
		expect((await validateSessionToken(b)).session).toBeNull();
		expect((await validateSessionToken(c)).user?.id).toBe(other.id);
	});
});
