/**
 * Database access for tests. Call `withDb()` once at the top of a test file: by default the file
 * gets its own migrated database (test files run in parallel, so sharing one would let one file's
 * `resetTables()` wipe another's rows), `process.env.DATABASE_URL` points at it so code under test
 * that calls `getDb()` uses it too, and it is dropped after the file. `withDb({ shared: true })`
 * uses the run's database instead, the one a server spawned by globalSetup talks to (e2e).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { eq } from 'drizzle-orm';
import type mysql from 'mysql2/promise';
import { createDb, type Db } from '$lib/server/db';
import { stackingJobs, uploadSessions, users, type User } from '$lib/server/db/schema';
import { ensureDatabase } from '../../scripts/migrate.js';
import { dropDatabase, scratchDatabaseUrl } from '../harness/databases';

let current: { url: string; db: Db; pool: mysql.Pool } | undefined;

/** The run's database, created by tests/helpers/global-db.ts. */
export function runDatabaseUrl(): string {
	const url = inject('databaseUrl');
	if (!url) throw new Error('no databaseUrl provided: list tests/helpers/global-db.ts in globalSetup');
	return url;
}

/** A new migrated database below the run's one (dropped with it at the latest). */
export async function createMigratedDatabase(): Promise<string> {
	const url = scratchDatabaseUrl(runDatabaseUrl());
	await ensureDatabase(url);
	return url;
}

export function withDb({ shared = false }: { shared?: boolean } = {}): void {
	let previousEnv: string | undefined;
	beforeAll(async () => {
		const url = shared ? runDatabaseUrl() : await createMigratedDatabase();
		previousEnv = process.env.DATABASE_URL;
		process.env.DATABASE_URL = url;
		current = { url, ...createDb(url) };
	});
	afterAll(async () => {
		if (!current) return;
		const { url, pool } = current;
		current = undefined;
		await pool.end();
		if (!shared) await dropDatabase(url);
		if (previousEnv === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = previousEnv;
	});
}

function requireCurrent() {
	if (!current) throw new Error('no test database: call withDb() at the top of the test file');
	return current;
}

/** This file's drizzle db (valid inside tests and hooks after withDb's beforeAll). */
export function testDb(): Db {
	return requireCurrent().db;
}

export function testDatabaseUrl(): string {
	return requireCurrent().url;
}

/**
 * Empties every table and restarts AUTO_INCREMENT. InnoDB refuses TRUNCATE on a table that a
 * foreign key references, whatever the order, so checks are off on one connection meanwhile.
 */
export async function resetTables(): Promise<void> {
	const conn = await requireCurrent().pool.getConnection();
	try {
		const [rows] = await conn.query(
			"SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> '__drizzle_migrations'"
		);
		await conn.query('SET FOREIGN_KEY_CHECKS = 0');
		for (const { name } of rows as { name: string }[]) await conn.query(`TRUNCATE TABLE \`${name}\``);
	} finally {
		await conn.query('SET FOREIGN_KEY_CHECKS = 1');
		conn.release();
	}
}

const unique = () => randomBytes(4).toString('hex');

/**
 * Inserts a user with a unique name and email. The default password hash matches no password:
 * tests that log in pass a real `passwordHash`.
 */
export async function createTestUser(overrides: Partial<typeof users.$inferInsert> = {}): Promise<User> {
	const db = testDb();
	const name = `user_${unique()}`;
	const [{ id }] = await db
		.insert(users)
		.values({ username: name, email: `${name}@example.test`, passwordHash: '!', ...overrides })
		.$returningId();
	const [user] = await db.select().from(users).where(eq(users.id, id));
	return user;
}

export async function createTestUploadSession(
	userId: number,
	overrides: Partial<typeof uploadSessions.$inferInsert> = {}
): Promise<typeof uploadSessions.$inferSelect> {
	const db = testDb();
	const [{ id }] = await db
		.insert(uploadSessions)
		.values({ userId, sessionToken: randomBytes(16).toString('hex'), ...overrides })
		.$returningId();
	const [session] = await db.select().from(uploadSessions).where(eq(uploadSessions.id, id));
	return session;
}

export async function createTestStackingJob(
	userId: number,
	uploadSessionId: number,
	overrides: Partial<typeof stackingJobs.$inferInsert> = {}
): Promise<typeof stackingJobs.$inferSelect> {
	const db = testDb();
	const [{ id }] = await db
		.insert(stackingJobs)
		.values({ userId, uploadSessionId, chunkKey: `chunk_${unique()}`, ...overrides })
		.$returningId();
	const [job] = await db.select().from(stackingJobs).where(eq(stackingJobs.id, id));
	return job;
}
