import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	API_TOKEN_PREFIX,
	authenticateBearer,
	createApiToken,
	listApiTokens,
	MAX_ACTIVE_TOKENS,
	revokeApiToken
} from '$lib/server/auth';
import { hashToken } from '$lib/server/auth/token';
import { apiTokens, users } from '$lib/server/db/schema';
import { createTestUser, testDb, withDb } from '../../helpers/db';

withDb();

function bearer(token: string) {
	return new Request('http://127.0.0.1/api/jobs/next', { headers: { authorization: `Bearer ${token}` } });
}

async function created(userId: number, name: string) {
	const result = await createApiToken(userId, name);
	if (!result.ok) throw new Error(result.message);
	return result;
}

async function tokenRow(id: number) {
	const [row] = await testDb().select().from(apiTokens).where(eq(apiTokens.id, id));
	return row;
}

describe('API tokens', () => {
	it('creates a csk_ token, stores only its hash and a short prefix', async () => {
		const user = await createTestUser();
		const { token, summary } = await created(user.id, '  garage runner ');

		expect(token).toMatch(/^csk_[a-z2-7]{52}$/);
		expect(summary).toMatchObject({ name: 'garage runner', prefix: token.slice(0, 12), lastUsedAt: null });
		const row = await tokenRow(summary.id);
		expect(row.tokenHash).toBe(hashToken(token));
		expect(row.tokenPrefix).toBe(token.slice(0, 12));
		expect(JSON.stringify(row)).not.toContain(token);
	});

	it('authenticates a bearer token and records its use', async () => {
		const user = await createTestUser();
		const { token, summary } = await created(user.id, 'script');
		const auth = await authenticateBearer(bearer(token));
		expect(auth).toMatchObject({
			user: { id: user.id, username: user.username },
			token: { id: summary.id, name: 'script', trusted: false }
		});
		const used = (await tokenRow(summary.id)).lastUsedAt;
		expect(used).not.toBeNull();
		expect(Math.abs(used!.getTime() - Date.now())).toBeLessThan(5000);
	});

	it('refuses missing, malformed, unknown and revoked tokens', async () => {
		const user = await createTestUser();
		const { token, summary } = await created(user.id, 'short-lived');
		for (const header of [undefined, 'Basic abc', `Bearer`, `Bearer ${token}x`, `Bearer ${API_TOKEN_PREFIX}`, token]) {
			const request = new Request('http://127.0.0.1/', { headers: header ? { authorization: header } : {} });
			expect(await authenticateBearer(request)).toBeNull();
		}

		expect(await revokeApiToken(user.id, summary.id)).toBe(true);
		expect((await tokenRow(summary.id)).revokedAt).not.toBeNull();
		expect(await authenticateBearer(bearer(token))).toBeNull();
		expect(await revokeApiToken(user.id, summary.id)).toBe(false);
	});

	it('refuses tokens of a deactivated account', async () => {
		const user = await createTestUser();
		const { token } = await created(user.id, 'runner');
		await testDb().update(users).set({ isActive: 0 }).where(eq(users.id, user.id));
		expect(await authenticateBearer(bearer(token))).toBeNull();
	});

	it('lists a user’s active tokens, newest first, and lets only the owner revoke', async () => {
		const owner = await createTestUser();
		const stranger = await createTestUser();
		const first = await created(owner.id, 'first');
		const second = await created(owner.id, 'second');
		await created(stranger.id, 'theirs');

		expect((await listApiTokens(owner.id)).map((t) => t.name)).toEqual(['second', 'first']);
		expect(await revokeApiToken(stranger.id, first.summary.id)).toBe(false);
		expect(await revokeApiToken(owner.id, first.summary.id)).toBe(true);
		expect((await listApiTokens(owner.id)).map((t) => t.id)).toEqual([second.summary.id]);
	});

	it('refuses bad names and more than the maximum of active tokens', async () => {
		const user = await createTestUser();
		expect(await createApiToken(user.id, "x'; DROP TABLE api_tokens; --")).toMatchObject({ ok: false });
		expect(await createApiToken(user.id, '   ')).toMatchObject({ ok: false });
		for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) await created(user.id, `runner ${i}`);
		const over = await createApiToken(user.id, 'one too many');
		expect(over).toEqual({
			ok: false,
			message: `You already have ${MAX_ACTIVE_TOKENS} active tokens; revoke one you no longer use first.`
		});
		expect(await listApiTokens(user.id)).toHaveLength(MAX_ACTIVE_TOKENS);
	});
});
