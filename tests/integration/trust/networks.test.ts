import { describe, expect, test } from 'vitest';
import { countStanding, independent, recordNetwork, servedLast, standingOf } from '$lib/server/trust';
import { createTestUser, testDb, withDb } from '../../helpers/db';

withDb();

describe('volunteer networks and standing', () => {
	test('two accounts are independent only on other networks with no network in common, ever', async () => {
		const db = testDb();
		const [a, b, c] = [await createTestUser(), await createTestUser(), await createTestUser()];
		await recordNetwork(db, a.id, '198.51.100.0/24');
		await recordNetwork(db, b.id, '203.0.113.0/24');
		await recordNetwork(db, b.id, '203.0.113.0/24');
		expect(await independent(db, { userId: a.id, network: '198.51.100.0/24' }, { userId: b.id, network: '203.0.113.0/24' })).toBe(true);
		expect(await independent(db, { userId: a.id, network: '198.51.100.0/24' }, { userId: a.id, network: '203.0.113.0/24' })).toBe(false);
		expect(await independent(db, { userId: a.id, network: '203.0.113.0/24' }, { userId: b.id, network: '203.0.113.0/24' })).toBe(false);
		// c registered on a's network, now submits from elsewhere: still a's twin.
		await recordNetwork(db, c.id, '198.51.100.0/24');
		await recordNetwork(db, c.id, '192.0.2.0/24');
		expect(await independent(db, { userId: a.id, network: '198.51.100.0/24' }, { userId: c.id, network: '192.0.2.0/24' })).toBe(false);
		expect(await independent(db, { userId: c.id, network: '192.0.2.0/24' }, { userId: b.id, network: '203.0.113.0/24' })).toBe(true);
	});

	test('standing counts up, and a record of disagreements puts a volunteer last', async () => {
		const db = testDb();
		const v = await createTestUser();
		expect(await standingOf(db, v.id)).toEqual({ verified: 0, disagreed: 0, failed: 0 });
		await countStanding(db, v.id, 'verified');
		await countStanding(db, v.id, 'disagreed');
		expect(await standingOf(db, v.id)).toEqual({ verified: 1, disagreed: 1, failed: 0 });
		expect(servedLast(await standingOf(db, v.id))).toBe(false);
		await countStanding(db, v.id, 'disagreed');
		expect(servedLast(await standingOf(db, v.id))).toBe(true);
	});
});
