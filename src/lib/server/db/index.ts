import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import * as schema from './schema';
import type { Db } from './types';

export type { Db, DbOrTx } from './types';
export { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './unavailable';

export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/crowdsky';

/** A pool whose every connection works in UTC, so DATETIME columns and CURRENT_TIMESTAMP agree. */
export function createPool(url: string): mysql.Pool {
	const pool = mysql.createPool({ uri: url, timezone: 'Z', connectionLimit: 10, dateStrings: false });
	pool.on('connection', (conn) => {
		conn.query("SET time_zone = '+00:00'");
	});
	return pool;
}

export function createDb(url: string): { db: Db; pool: mysql.Pool } {
	const pool = createPool(url);
	return { db: drizzle(pool, { schema, mode: 'default' }), pool };
}

let shared: { db: Db; pool: mysql.Pool } | undefined;

/** The process-wide database, from `DATABASE_URL` (read at first use, so tests can set it). */
export function getDb(): Db {
	if (!shared) {
		shared = createDb(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
		// adapter-node and scripts/serve.js emit this once the server has stopped: an open pool
		// would otherwise keep the process alive.
		process.once('sveltekit:shutdown', closeDb);
	}
	return shared.db;
}

/** Closes the process-wide pool; the next `getDb()` opens a new one. */
export async function closeDb(): Promise<void> {
	const closing = shared;
	shared = undefined;
	process.off('sveltekit:shutdown', closeDb);
	await closing?.pool.end();
}

export { schema };
export { bytesToMb, chargeStorage, releaseStorage, storageUse } from './storage-use';
export { markRawsDeleted } from './release-raws';
