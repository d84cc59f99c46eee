/**
 * Vitest globalSetup: one throwaway database per test run on the real MariaDB (starting MariaDB is
 * .ci/run's job). Its URL reaches tests as `inject('databaseUrl')` and, through
 * `process.env.DATABASE_URL`, reaches workers and any server a later globalSetup spawns.
 *
 * Names are `crowdsky_test_<pid>_<hex>`; databases of runs whose process has died (killed before
 * teardown) are dropped at the next setup.
 */
import type { TestProject } from 'vitest/node';
import {
	DEFAULT_DATABASE_URL,
	connect,
	ensureDatabase,
	parseDatabaseUrl
} from '../../scripts/migrate.js';
import { dropDatabase, freshDatabaseUrl } from '../harness/databases';

declare module 'vitest' {
	export interface ProvidedContext {
		databaseUrl: string;
	}
}

const PREFIX = 'crowdsky_test_';

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

	const url = freshDatabaseUrl(server, `${PREFIX}${process.pid}_`);
	await ensureDatabase(url);
	process.env.DATABASE_URL = url;
	project.provide('databaseUrl', url);

	return async () => {
		await dropDatabase(url);
		if (previous === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = previous;
	};
}
