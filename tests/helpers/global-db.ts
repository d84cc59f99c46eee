/**
 * Vitest globalSetup: one throwaway database per test run on the real MariaDB (starting MariaDB is
 * .ci/run's job). Its URL reaches tests as `inject('databaseUrl')` and, through
 * `process.env.DATABASE_URL`, reaches workers and any server a later globalSetup spawns.
 *
 * Names are `crowdsky_test_<pid>_<hex>`; databases of runs whose process has died (killed before
 * teardown) are dropped at the next setup.
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import {
	DEFAULT_DATABASE_URL,
	connect,
	ensureDatabase,
	parseDatabaseUrl
} from '../../scripts/migrate.js';

declare module 'vitest' {
	export interface ProvidedContext {
		databaseUrl: string;
	}
}

const PREFIX = 'crowdsky_test_';

/** The same server and credentials as `url`, another database. */
export function withDatabaseName(url: string, name: string): string {
	const next = new URL(url);
	next.pathname = `/${name}`;
	return next.href;
}

/** A fresh name below `url`'s test database, e.g. for one test file's own database. */
export function scratchDatabaseUrl(url: string): string {
	const { database } = parseDatabaseUrl(url);
	return withDatabaseName(url, `${database}_${randomBytes(4).toString('hex')}`);
}

/** Drops `url`'s database and every database named `<it>_…` (scratch databases below it). */
export async function dropDatabase(url: string): Promise<void> {
	const { database } = parseDatabaseUrl(url);
	const conn = await connect(url, { server: true });
	try {
		const [rows] = await conn.query(
			'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ? OR SCHEMA_NAME LIKE ?',
			[database, `${database.replaceAll('_', '\\_')}\\_%`]
		);
		for (const { name } of rows as { name: string }[]) {
			await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
		}
	} finally {
		await conn.end();
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function dropAbandoned(serverUrl: string): Promise<void> {
	const conn = await connect(serverUrl, { server: true });
	try {
		const [rows] = await conn.query(
			'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?',
			[`${PREFIX.replaceAll('_', '\\_')}%`]
		);
		for (const { name } of rows as { name: string }[]) {
			const pid = Number(/^crowdsky_test_(\d+)_/.exec(name)?.[1]);
			if (pid && !isAlive(pid)) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
		}
	} finally {
		await conn.end();
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const previous = process.env.DATABASE_URL;
	// Every project's globalSetup runs before any worker starts and workers inherit one env, so a
	// second project (e2e after integration) shares the database the first made in this process.
	if (previous && parseDatabaseUrl(previous).database.startsWith(`${PREFIX}${process.pid}_`)) {
		project.provide('databaseUrl', previous);
		return async () => {};
	}
	const server = previous || DEFAULT_DATABASE_URL;
	await dropAbandoned(server);

	const name = `${PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
	const url = withDatabaseName(server, name);
	await ensureDatabase(url);
	process.env.DATABASE_URL = url;
	project.provide('databaseUrl', url);

	return async () => {
		await dropDatabase(url);
		if (previous === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = previous;
	};
}
