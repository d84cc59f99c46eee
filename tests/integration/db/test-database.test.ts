import { sql } from 'drizzle-orm';
import { expect, inject, test } from 'vitest';
import { getDb } from '$lib/server/db';
import { parseDatabaseUrl } from '../../../scripts/migrate.js';
import { testDatabaseUrl, withDb } from '../../helpers/db';

// Read before withDb's beforeAll changes it: what globalSetup left for this worker.
const inheritedUrl = process.env.DATABASE_URL;

withDb();

test('globalSetup’s DATABASE_URL reaches the worker and matches inject("databaseUrl")', () => {
	expect(inheritedUrl).toBe(inject('databaseUrl'));
	expect(parseDatabaseUrl(inject('databaseUrl')).database).toMatch(/^crowdsky_test_\d+_[0-9a-f]{8}$/);
});

test('withDb gives the file its own database below the run’s, and getDb() uses it', async () => {
	const own = parseDatabaseUrl(testDatabaseUrl()).database;
	expect(own).toMatch(new RegExp(`^${parseDatabaseUrl(inject('databaseUrl')).database}_[0-9a-f]{8}$`));
	expect(process.env.DATABASE_URL).toBe(testDatabaseUrl());
	const [rows] = (await getDb().execute(sql`SELECT DATABASE() AS name`)) as unknown as [{ name: string }[]];
	expect(rows).toEqual([{ name: own }]);
});
