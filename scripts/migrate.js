/**
 * Creates the database named in DATABASE_URL if it is missing and applies the migrations in
 * drizzle/ with drizzle-orm's own migrator (`drizzle-kit migrate` is unreliable on MariaDB).
 *
 *   node scripts/migrate.js        # DATABASE_URL, default mysql://root@127.0.0.1:3306/crowdsky
 *
 * Importable: `npm start` and the test helpers call `ensureDatabase()`.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { drizzle } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';

export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/crowdsky';
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));
const MIGRATIONS_TABLE = '__drizzle_migrations';
const START_HINT =
	'start it with `start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`, ' +
	'or set DATABASE_URL to a running server';
/** Socket-level failures: nothing answered, as opposed to a server that answered "no". */
const UNREACHABLE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ETIMEDOUT',
	'PROTOCOL_CONNECTION_LOST'
]);

/** A failure an operator can fix (bad URL, server down, access refused): its message says how. */
export class DatabaseSetupError extends Error {
	name = 'DatabaseSetupError';
}

/** No MariaDB answers at the URL's host and port; the message is one sentence. */
export class DatabaseUnreachableError extends DatabaseSetupError {
	name = 'DatabaseUnreachableError';
	/** @param {{ host: string, port: number }} where @param {string} code */
	constructor(where, code) {
		super(`Cannot reach MariaDB at ${where.host}:${where.port} (${code}): ${START_HINT}.`);
		this.code = code;
	}
}

/**
 * Splits a `mysql://user:password@host:port/database` URL; the database name must be a plain
 * identifier because it is interpolated into CREATE DATABASE.
 * @param {string} url
 * @returns {{ host: string, port: number, database: string, serverUrl: string }}
 */
export function parseDatabaseUrl(url) {
	let parsed;
	try {
		parsed = new URL(url);
	} catch {
		throw new DatabaseSetupError(`DATABASE_URL is not a URL: "${url}" (expected mysql://user@host:port/name)`);
	}
	if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
		throw new DatabaseSetupError(`DATABASE_URL must start with mysql:// or mariadb://, got "${parsed.protocol}//"`);
	}
	const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
	if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
		throw new DatabaseSetupError(
			`DATABASE_URL names database "${database}": use 1-64 letters, digits or underscores`
		);
	}
	const server = new URL(parsed.href);
	server.protocol = 'mysql:';
	server.pathname = '/';
	return {
		host: parsed.hostname,
		port: Number(parsed.port || 3306),
		database,
		serverUrl: server.href
	};
}

/**
 * Opens a connection in UTC; with `{ server: true }` it selects no database, so that databases can
 * be created and dropped. Unreachable servers become a DatabaseUnreachableError.
 * @param {string} url
 * @param {{ server?: boolean, multipleStatements?: boolean }} [options]
 */
export async function connect(url, { server = false, multipleStatements = false } = {}) {
	const target = parseDatabaseUrl(url);
	const uri = server ? target.serverUrl : url.replace(/^mariadb:/, 'mysql:');
	try {
		const conn = await mysql.createConnection({ uri, timezone: 'Z', multipleStatements });
		await conn.query("SET time_zone = '+00:00'");
		return conn;
	} catch (error) {
		throw asSetupError(error, target);
	}
}

/**
 * Makes the database usable: creates it (utf8mb4) if missing and applies pending migrations.
 * Concurrent callers on one database are serialised by a named lock.
 * @param {string} [url]
 * @param {{ migrationsFolder?: string }} [options]
 * @returns {Promise<{ database: string, created: boolean, applied: number }>}
 */
export async function ensureDatabase(
	url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
	{ migrationsFolder = MIGRATIONS_FOLDER } = {}
) {
	const { database } = parseDatabaseUrl(url);
	const created = await createDatabaseIfMissing(url);
	const conn = await connect(url);
	const lock = `crowdsky_migrate_${database}`;
	try {
		const [[{ locked }]] = /** @type {any} */ (await conn.query('SELECT GET_LOCK(?, 120) AS locked', [lock]));
		if (locked !== 1) {
			throw new DatabaseSetupError(`Another migration of ${database} held its lock for 120 s; try again`);
		}
		const before = await appliedCount(conn);
		await migrate(drizzle(conn), { migrationsFolder, migrationsTable: MIGRATIONS_TABLE });
		const applied = (await appliedCount(conn)) - before;
		return { database, created, applied };
	} finally {
		await conn.query('SELECT RELEASE_LOCK(?)', [lock]).catch(() => {});
		await conn.end();
	}
}

/**
 * Creates the URL's database (utf8mb4, so tables need not name it) unless it exists.
 * @param {string} url
 * @returns {Promise<boolean>} whether it had to be created
 */
export async function createDatabaseIfMissing(url) {
	const { database } = parseDatabaseUrl(url);
	const conn = await connect(url, { server: true });
	try {
		const [rows] = await conn.query(
			'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
			[database]
		);
		if (/** @type {unknown[]} */ (rows).length > 0) return false;
		await conn.query(
			`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
		);
		return true;
	} finally {
		await conn.end();
	}
}

/** @param {import('mysql2/promise').Connection} conn */
async function appliedCount(conn) {
	const [tables] = await conn.query(
		'SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
		[MIGRATIONS_TABLE]
	);
	if (/** @type {unknown[]} */ (tables).length === 0) return 0;
	const [rows] = await conn.query(`SELECT COUNT(*) AS n FROM \`${MIGRATIONS_TABLE}\``);
	return Number(/** @type {{ n: number }[]} */ (rows)[0].n);
}

/**
 * @param {unknown} error
 * @param {{ host: string, port: number }} target
 */
function asSetupError(error, target) {
	const code = errorCode(error);
	if (code && UNREACHABLE_CODES.has(code)) return new DatabaseUnreachableError(target, code);
	const sqlMessage = /** @type {{ sqlMessage?: string }} */ (error)?.sqlMessage;
	if (sqlMessage) {
		return new DatabaseSetupError(`MariaDB at ${target.host}:${target.port} refused: ${sqlMessage}`);
	}
	return error;
}

/**
 * Node reports a refused dual-stack connect as an AggregateError whose parts carry the code.
 * @param {any} error
 * @returns {string | undefined}
 */
function errorCode(error) {
	if (!error || typeof error !== 'object') return undefined;
	if (typeof error.code === 'string') return error.code;
	return Array.isArray(error.errors) ? errorCode(error.errors[0]) : undefined;
}

/**
 * For command lines (`node scripts/migrate.js`, `npm start`): one line on stdout when the database
 * is ready; an operator's mistake is one line on stderr and exit code 1, not a stack.
 * @returns {Promise<boolean>} whether the database is ready
 */
export async function ensureDatabaseOrExplain(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL) {
	try {
		const { host, port } = parseDatabaseUrl(url);
		const { database, created, applied } = await ensureDatabase(url);
		const state = created ? 'created' : 'exists';
		console.log(`Database ${database} at ${host}:${port}: ${state}, ${applied} migration(s) applied.`);
		return true;
	} catch (error) {
		if (!(error instanceof DatabaseSetupError)) throw error;
		console.error(error.message);
		process.exitCode = 1;
		return false;
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await ensureDatabaseOrExplain();
}
