import { readFileSync } from 'node:fs';
import { generateMySQLDrizzleJson, generateMySQLMigration } from 'drizzle-kit/api';
import { expect, test } from 'vitest';
import * as schema from '$lib/server/db/schema';

const DRIZZLE = new URL('../../../drizzle/', import.meta.url);

test('drizzle/ holds a migration for everything in schema.ts (else run `npm run db:generate`)', async () => {
	const journal = JSON.parse(readFileSync(new URL('meta/_journal.json', DRIZZLE), 'utf8')) as {
		entries: { idx: number }[];
	};
	const last = journal.entries.at(-1)!.idx.toString().padStart(4, '0');
	const snapshot = JSON.parse(readFileSync(new URL(`meta/${last}_snapshot.json`, DRIZZLE), 'utf8'));

	const current = await generateMySQLDrizzleJson(schema);
	expect(Object.keys(current.tables).length).toBeGreaterThanOrEqual(8);
	expect(await generateMySQLMigration(snapshot, current)).toEqual([]);
});
