import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import {
	DatabaseUnreachableError,
	connect,
	ensureDatabase,
	parseDatabaseUrl
} from '../../../scripts/migrate.js';
import { runDatabaseUrl } from '../../helpers/db';
import { dropDatabase, scratchDatabaseUrl } from '../../harness/databases';
import { readSchema } from './information-schema';
import { CLOSED_PORT_URL, ROOT, expectUnreachableMessage, runScript } from './run-script';

const JOURNAL = JSON.parse(readFileSync(`${ROOT}/drizzle/meta/_journal.json`, 'utf8')) as {
	entries: { tag: string }[];
};

async function schemataNamed(url: string) {
	const conn = await connect(url, { server: true });
	try {
		const [rows] = await conn.query(
			'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
			[parseDatabaseUrl(url).database]
		);
		return rows as { charset: string }[];
	} finally {
		await conn.end();
	}
}

async function migrationRows(url: string) {
	const conn = await connect(url);
	try {
		return (await conn.query('SELECT id, hash, created_at FROM __drizzle_migrations ORDER BY id'))[0];
	} finally {
		await conn.end();
	}
}

describe('ensureDatabase', () => {
	const urls: string[] = [];
	const freshUrl = () => {
		const url = scratchDatabaseUrl(runDatabaseUrl());
		urls.push(url);
		return url;
	};
	afterAll(async () => {
		for (const url of urls) await dropDatabase(url);
	});

	test('creates a missing database in utf8mb4 and applies every migration', async () => {
		const url = freshUrl();
		expect(await schemataNamed(url)).toEqual([]);

		const result = await ensureDatabase(url);

		expect(result).toEqual({
			database: parseDatabaseUrl(url).database,
			created: true,
			applied: JOURNAL.entries.length
		});
		expect(await schemataNamed(url)).toEqual([{ charset: 'utf8mb4' }]);
		expect(Object.keys(await readSchema(url))).toContain('stacked_frames');
	});

	test('is idempotent: a second run applies nothing and changes nothing', async () => {
		const url = freshUrl();
		await ensureDatabase(url);
		const [schemaBefore, rowsBefore] = [await readSchema(url), await migrationRows(url)];

		const second = await ensureDatabase(url);

		expect(second).toMatchObject({ created: false, applied: 0 });
		expect(await readSchema(url)).toEqual(schemaBefore);
		expect(await migrationRows(url)).toEqual(rowsBefore);
	});

	test('two concurrent runs on one new database both succeed and apply each migration once', async () => {
		const url = freshUrl();
		const results = await Promise.all([ensureDatabase(url), ensureDatabase(url)]);
		expect(results.map((r) => r.applied).sort()).toEqual([0, JOURNAL.entries.length]);
		expect(await migrationRows(url)).toHaveLength(JOURNAL.entries.length);
	});

	test('an unreachable server is a DatabaseUnreachableError naming host and port', async () => {
		const error = await ensureDatabase(CLOSED_PORT_URL).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DatabaseUnreachableError);
		expect((error as Error).message).toMatch(/^Cannot reach MariaDB at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
	});
});

describe('node scripts/migrate.js', () => {
	test('creates the database, then reports it up to date', async () => {
		const url = scratchDatabaseUrl(runDatabaseUrl());
		const name = parseDatabaseUrl(url).database;
		try {
			const first = await runScript('scripts/migrate.js', url);
			expect(first).toMatchObject({ code: 0, stderr: '' });
			expect(first.stdout).toContain(`Database ${name} at 127.0.0.1:3306: created, ${JOURNAL.entries.length} migration(s) applied.`);

			const second = await runScript('scripts/migrate.js', url);
			expect(second).toMatchObject({ code: 0, stderr: '' });
			expect(second.stdout).toContain(`Database ${name} at 127.0.0.1:3306: exists, 0 migration(s) applied.`);
		} finally {
			await dropDatabase(url);
		}
	});

	test('with MariaDB unreachable: one sentence on how to start it, no stack, non-zero exit', async () => {
		expectUnreachableMessage(await runScript('scripts/migrate.js', CLOSED_PORT_URL));
	});
});
