// Throwaway MariaDB databases beside a given one: the tests' per-run and per-file databases, and the benches'.
import { randomBytes } from 'node:crypto';
import { connect, parseDatabaseUrl } from '../../scripts/migrate.js';

/** The same server and credentials as `url`, a new database named `<prefix><8 hex digits>`. */
export function freshDatabaseUrl(url: string, prefix: string): string {
	const next = new URL(url);
	next.pathname = `/${prefix}${randomBytes(4).toString('hex')}`;
	return next.href;
}

/** A fresh name below `url`'s test database, e.g. for one test file's own database. */
export function scratchDatabaseUrl(url: string): string {
	return freshDatabaseUrl(url, `${parseDatabaseUrl(url).database}_`);
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
