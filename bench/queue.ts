// The job queue under load: claims per second with 1, 10 and 50 concurrent claimers, each on its
// own connection, against a throwaway MariaDB database of 2,000 pending jobs (concurrent claims in one
// process share a transaction, as they do in the server). Each round re-queues
// every job, then the claimers take jobs until none is left; a job claimed twice is counted.
import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import { DEFAULT_DATABASE_URL, ensureDatabase, parseDatabaseUrl } from '../scripts/migrate.js';
import { dropDatabase, freshDatabaseUrl } from '../tests/harness/databases';
import type { Db } from '../src/lib/server/db';
import * as schema from '../src/lib/server/db/schema';
import { claimJob } from '../src/lib/server/jobs/claim-job';
import { formatTable, fixed } from './table';

export const QUEUE_JOBS = 2000;
export const QUEUE_CONCURRENCY = [1, 10, 50];

const log = (line: string) => process.stderr.write(`${line}\n`);

function poolOf(url: string, connections: number): { db: Db; pool: mysql.Pool } {
	const pool = mysql.createPool({ uri: url, timezone: 'Z', connectionLimit: connections });
	pool.on('connection', (conn) => {
		conn.query("SET time_zone = '+00:00'");
	});
	return { db: drizzle(pool, { schema, mode: 'default' }), pool };
}

async function seed(db: Db, claimers: number): Promise<number[]> {
	const [{ id: owner }] = await db.insert(schema.users).values({ username: 'bench_owner', email: 'owner@bench.test', passwordHash: '!' }).$returningId();
	const [{ id: session }] = await db.insert(schema.uploadSessions).values({ userId: owner, sessionToken: randomBytes(16).toString('hex') }).$returningId();
	for (let at = 0; at < QUEUE_JOBS; at += 500) {
		const rows = Array.from({ length: Math.min(500, QUEUE_JOBS - at) }, (_, i) => ({ userId: owner, uploadSessionId: session, chunkKey: `bench.${at + i}` }));
		await db.insert(schema.stackingJobs).values(rows);
	}
	const volunteers: number[] = [];
	for (let i = 0; i < claimers; i++) {
		const [{ id }] = await db.insert(schema.users).values({ username: `bench_v${i}`, email: `v${i}@bench.test`, passwordHash: '!' }).$returningId();
		volunteers.push(id);
	}
	return volunteers;
}

async function round(url: string, volunteers: number[], concurrency: number) {
	const { db, pool } = poolOf(url, concurrency);
	try {
		await db.update(schema.stackingJobs).set({ status: 'pending', leaseTokenHash: null, leaseExpiresAt: null, workerId: null, claimedByUserId: null });
		const started = performance.now();
		const claimed = await Promise.all(
			volunteers.slice(0, concurrency).map(async (userId, w) => {
				const ids: number[] = [];
				// Trusted: the bench measures the queue, not the per-account claim limit an untrusted volunteer meets.
				const caller = { userId, tokenId: null, tokenTrusted: true, network: `bench-${w}` };
				for (let ticket = await claimJob(caller, `bench-${w}`, { db }); ticket; ticket = await claimJob(caller, `bench-${w}`, { db })) ids.push(ticket.id);
				return ids;
			})
		);
		const seconds = (performance.now() - started) / 1000;
		const all = claimed.flat();
		return { concurrency, claims: all.length, seconds, duplicates: all.length - new Set(all).size };
	} finally {
		await pool.end();
	}
}

/** Runs the rounds and returns the table; the database is dropped afterwards, whatever happens. */
export async function runQueueBench(env: NodeJS.ProcessEnv = process.env): Promise<string> {
	const url = new URL(freshDatabaseUrl(env.DATABASE_URL || DEFAULT_DATABASE_URL, 'crowdsky_bench_queue_'));
	log(`queue: ${QUEUE_JOBS} jobs in a throwaway database ${parseDatabaseUrl(url.href).database} ...`);
	await ensureDatabase(url.href);
	const setup = poolOf(url.href, 4);
	try {
		const volunteers = await seed(setup.db, Math.max(...QUEUE_CONCURRENCY));
		const rows: string[][] = [];
		for (const concurrency of QUEUE_CONCURRENCY) {
			log(`queue: ${concurrency} concurrent claimer(s) ...`);
			const r = await round(url.href, volunteers, concurrency);
			rows.push([String(r.concurrency), String(r.claims), fixed(r.seconds, 2), fixed(r.claims / r.seconds, 0), String(r.duplicates)]);
		}
		return `Job queue: claims of ${QUEUE_JOBS} jobs (concurrent claimers on a pool of one MariaDB connection each)\n${formatTable(['claimers', 'claims', 'seconds', 'claims/s', 'claimed twice'], rows)}`;
	} finally {
		await setup.pool.end();
		await dropDatabase(url.href);
	}
}
