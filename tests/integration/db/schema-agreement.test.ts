import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connect, ensureDatabase } from '../../../scripts/migrate.js';
import { runDatabaseUrl } from '../../helpers/db';
import { dropDatabase, scratchDatabaseUrl } from '../../harness/databases';
import { diffSchemas, loadSchemaSql, readSchema, type Schema } from './information-schema';

const TABLES = [
	'users',
	'upload_sessions',
	'raw_files',
	'stacking_jobs',
	'stacked_frames',
	'sessions',
	'api_tokens',
	'login_throttle',
	'job_results',
	'job_failures',
	'volunteer_standing',
	'volunteer_networks',
	'ended_share_links'
];

describe('drizzle migrations and schema.sql', () => {
	let migratedUrl: string;
	let sqlUrl: string;
	let migrated: Schema;
	let fromSql: Schema;

	beforeAll(async () => {
		migratedUrl = scratchDatabaseUrl(runDatabaseUrl());
		sqlUrl = scratchDatabaseUrl(runDatabaseUrl());
		await ensureDatabase(migratedUrl);
		await loadSchemaSql(sqlUrl);
		[migrated, fromSql] = await Promise.all([readSchema(migratedUrl), readSchema(sqlUrl)]);
	});
	afterAll(async () => {
		await Promise.all([dropDatabase(migratedUrl), dropDatabase(sqlUrl)]);
	});

	test('both hold the same tables, the original five and CrowdSky’s', () => {
		expect(Object.keys(migrated).sort()).toEqual([...TABLES].sort());
		expect(Object.keys(fromSql).sort()).toEqual([...TABLES].sort());
	});

	test('agree column by column, index by index and key by key', () => {
		expect(diffSchemas(migrated, fromSql, ['migrations', 'schema.sql'])).toEqual([]);
	});

	test('every table is InnoDB utf8mb4 and every foreign key cascades on delete', () => {
		for (const [name, table] of Object.entries(fromSql)) {
			expect(table.engine, name).toBe('InnoDB');
			expect(table.collation, name).toMatch(/^utf8mb4_/);
			for (const [fk, key] of Object.entries(table.foreignKeys)) {
				expect(key.onDelete, `${name} ${fk}`).toBe('CASCADE');
			}
		}
		const keyCount = Object.values(fromSql).reduce((n, t) => n + Object.keys(t.foreignKeys).length, 0);
		expect(keyCount).toBeGreaterThanOrEqual(8); // the loop above saw the keys it vouches for
	});

	test('the comparison reports a changed column and a missing index', async () => {
		const conn = await connect(sqlUrl);
		try {
			await conn.query('ALTER TABLE users MODIFY is_active TINYINT NOT NULL DEFAULT 1');
			await conn.query('DROP INDEX idx_chunk ON raw_files');
		} finally {
			await conn.end();
		}
		const diff = diffSchemas(migrated, await readSchema(sqlUrl), ['migrations', 'schema.sql']);
		expect(diff.sort()).toEqual([
			'index raw_files.idx_chunk: only in migrations',
			'users.is_active type: migrations "tinyint(1)" vs schema.sql "tinyint(4)"'
		]);
	});
});
