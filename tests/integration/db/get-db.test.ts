import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { closeDb, getDb } from '$lib/server/db';
import { withDb } from '../../helpers/db';

withDb();

const one = async (db = getDb()) => {
	const [rows] = (await db.execute(sql`SELECT 1 AS one`)) as unknown as [{ one: number }[]];
	return rows[0].one;
};

test('the server’s shutdown event closes the shared pool, and getDb() then opens a new one', async () => {
	const first = getDb();
	expect(await one(first)).toBe(1);
	expect(getDb()).toBe(first);

	process.emit('sveltekit:shutdown' as never);
	await expect(one(first)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/closed/i) } });

	const second = getDb();
	expect(second).not.toBe(first);
	expect(await one(second)).toBe(1);
	await closeDb();
});
