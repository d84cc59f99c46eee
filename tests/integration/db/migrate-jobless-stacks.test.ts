/**
 * Migration 0005 on a database that already holds a stack made on the telescope the old way (a
 * stand-in upload session and job): the stack stays, job-less, the stand-ins go, and a crowd
 * stack with its real job is untouched.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { connect, ensureDatabase, MIGRATIONS_FOLDER } from '../../../scripts/migrate.js';
import { runDatabaseUrl } from '../../helpers/db';
import { dropDatabase, scratchDatabaseUrl } from '../../harness/databases';

const url = scratchDatabaseUrl(runDatabaseUrl());
let before: string;

afterAll(async () => {
	await dropDatabase(url);
	if (before) await rm(before, { recursive: true, force: true });
});

/** The migrations up to 0004, as a database made before job-less stacks has them. */
async function migrationsBefore0005(): Promise<string> {
	const folder = await mkdtemp(join(tmpdir(), 'crowdsky-migrations-'));
	await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
	const journalPath = join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { idx: number }[] };
	journal.entries = journal.entries.filter((e) => e.idx < 5);
	await writeFile(journalPath, JSON.stringify(journal));
	return folder;
}

test('turns a telescope stack with stand-ins into a job-less row and keeps crowd stacks', async () => {
	before = await migrationsBefore0005();
	await ensureDatabase(url, { migrationsFolder: before });
	const conn = await connect(url, { multipleStatements: true });
	try {
		await conn.query(`
			INSERT INTO users (id, username, email, password_hash) VALUES (1, 'o', 'o@example.org', 'x');
			INSERT INTO upload_sessions (id, user_id, session_token, status) VALUES (10, 1, 'stand-in', 'complete'), (11, 1, 'real', 'complete');
			INSERT INTO stacking_jobs (id, user_id, upload_session_id, chunk_key, status, worker_id) VALUES
				(20, 1, 10, '20250402.84_202.5_+47.2', 'completed', 'telescope'),
				(21, 1, 11, '20250402.85_202.5_+47.2', 'completed', 'w1');
			INSERT INTO stacked_frames (id, stacking_job_id, user_id, chunk_key, ucloud_path, source) VALUES
				(30, 20, 1, '20250402.84_202.5_+47.2', 'user_1/job_20/a.fits', 'telescope'),
				(31, 21, 1, '20250402.85_202.5_+47.2', 'user_1/job_21/b.fits', 'crowd');
		`);

		await ensureDatabase(url);

		const [stacks] = await conn.query('SELECT id, stacking_job_id AS job, ucloud_path AS path FROM stacked_frames ORDER BY id');
		expect(stacks).toEqual([
			{ id: 30, job: null, path: 'user_1/job_20/a.fits' },
			{ id: 31, job: 21, path: 'user_1/job_21/b.fits' }
		]);
		const [sessions] = await conn.query('SELECT id FROM upload_sessions ORDER BY id');
		expect(sessions).toEqual([{ id: 11 }]);
		const [jobs] = await conn.query('SELECT id FROM stacking_jobs ORDER BY id');
		expect(jobs).toEqual([{ id: 21 }]);
	} finally {
		await conn.end();
	}
});
