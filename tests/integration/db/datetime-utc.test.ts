import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { getDb } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { createTestUser, testDb, withDb } from '../../helpers/db';

withDb();

const MINUTE = 60_000;

describe('DATETIME columns hold UTC', () => {
	test('every pooled connection works in UTC, whatever the server’s own zone', async () => {
		const rows = await Promise.all(
			[1, 2, 3].map(() => getDb().execute(sql`SELECT @@session.time_zone AS tz`))
		);
		for (const [result] of rows) expect(result).toEqual([{ tz: '+00:00' }]);
	});

	test('a created_at default reads back as the UTC instant of the insert', async () => {
		const user = await createTestUser();
		expect(user.createdAt).toBeInstanceOf(Date);
		expect(Math.abs(user.createdAt.getTime() - Date.now())).toBeLessThan(MINUTE);

		// The stored text itself is UTC, not only what the driver makes of it.
		const [[row]] = (await testDb().execute(
			sql`SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') AS text FROM users WHERE id = ${user.id}`
		)) as unknown as [{ text: string }[]];
		expect(Math.abs(Date.parse(row.text) - Date.now())).toBeLessThan(MINUTE);
	});

	test('a Date written through drizzle is stored as its UTC wall time', async () => {
		const instant = new Date('2025-01-15T19:30:00Z');
		const user = await createTestUser({ updatedAt: instant });
		const [[row]] = (await testDb().execute(
			sql`SELECT CAST(updated_at AS CHAR) AS text FROM users WHERE id = ${user.id}`
		)) as unknown as [{ text: string }[]];
		expect(row.text).toBe('2025-01-15 19:30:00');
	});

	test('updated_at is set by MariaDB itself on any change (ON UPDATE CURRENT_TIMESTAMP)', async () => {
		const user = await createTestUser({ updatedAt: new Date('2001-01-01T00:00:00Z') });
		await testDb().execute(sql`UPDATE users SET email = ${`changed-${user.email}`} WHERE id = ${user.id}`);
		const [after] = await testDb().select().from(users).where(eq(users.id, user.id));
		expect(Math.abs(after.updatedAt.getTime() - Date.now())).toBeLessThan(MINUTE);
	});
});
