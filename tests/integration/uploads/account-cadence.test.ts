/** The Account page's `?/cadence` action: pro users choose 15, 3 or 1 minutes; free users keep 15. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/types';
import { users } from '$lib/server/db/schema';
import { actions, load } from '../../../src/routes/account/+page.server';
import { createTestUser, testDb, withDb } from '../../helpers/db';

withDb();

async function sessionUser(tier: 'free' | 'pro' | 'raw'): Promise<SessionUser> {
	const row = await createTestUser({ tier });
	return { id: row.id, username: row.username, email: row.email, tier, storageUsedMb: 0, storageLimitMb: 500, createdAt: row.createdAt };
}

function submit(user: SessionUser, cadence: string) {
	const form = new FormData();
	form.set('cadence', cadence);
	const url = new URL('http://localhost/account?/cadence');
	const request = new Request(url, { method: 'POST', body: form });
	return actions.cadence({ locals: { user, session: null }, url, request } as never);
}

async function stored(userId: number) {
	const [row] = await testDb().select({ minutes: users.chunkCadenceMin }).from(users).where(eq(users.id, userId));
	return row.minutes;
}

describe('account cadence', () => {
	it('a pro user can set 3 and 1 minutes, and back to 15', async () => {
		const user = await sessionUser('pro');
		for (const minutes of [3, 1, 15]) {
			expect(await submit(user, String(minutes))).toEqual({ action: 'cadence', cadence: minutes });
			expect(await stored(user.id)).toBe(minutes);
		}
		const page = (await load({ locals: { user, session: null }, url: new URL('http://localhost/account') } as never)) as {
			cadence: number;
			cadences: number[];
		};
		expect(page).toMatchObject({ cadence: 15, cadences: [15, 3, 1] });
	});

	it('a free user cannot choose 3 or 1, and a pro user cannot choose 5', async () => {
		const free = await sessionUser('free');
		for (const minutes of ['3', '1']) {
			const result = (await submit(free, minutes)) as { status: number; data: { message: string } };
			expect(result.status).toBe(400);
			expect(result.data.message).toMatch(/pro tier/);
		}
		expect(await stored(free.id)).toBe(15);
		const pro = await sessionUser('pro');
		const five = (await submit(pro, '5')) as { status: number; data: { message: string } };
		expect(five.status).toBe(400);
		expect(five.data.message).toMatch(/choose 15, 3, 1/);
		const page = (await load({ locals: { user: free, session: null }, url: new URL('http://localhost/account') } as never)) as {
			cadences: number[];
		};
		expect(page.cadences).toEqual([15]);
	});
});
