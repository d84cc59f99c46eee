// The Stacks page with 10,000 stacks of one user: `listStackSummaries` (what the sky map and the
// timeline load) called directly, then the first data of the Stacks page over HTTP from the built
// app (`node scripts/start.js`) on a throwaway database: GET /api/stacks/summaries, one gallery
// page, and the /stacks page's HTML, with a logged-in session. Prints figures; asserts nothing.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { healpixRing, HEALPIX_NSIDE } from '../src/lib/chunks';
import { closeDb, createDb, type Db } from '../src/lib/server/db';
import { stackedFrames, stackingJobs, uploadSessions, users } from '../src/lib/server/db/schema';
import { listStackSummaries, listStacksPage } from '../src/lib/server/stacks/list';
import { DEFAULT_DATABASE_URL, ensureDatabase, parseDatabaseUrl } from '../scripts/migrate.js';
import { dropDatabase, freshDatabaseUrl } from '../tests/harness/databases';
import { stop } from '../tests/helpers/global-server';
import { buildIfStale, register, startApp } from './jobs-e2e';
import { fixed, formatTable } from './table';

export const BENCH_STACKS = 10_000;
/** Timed repetitions of each measurement, after one warm-up. */
const RUNS = 15;
const TARGET_MS = 300;
const OBJECTS = ['M 31', 'M 42', 'M 45', 'M 51', 'M 81', 'M 94', 'M 101', 'NGC 7000', 'NGC 7023', 'IC 1396', 'M 13', 'M 27', 'M 57', 'NGC 2244', 'M 8', 'M 16', 'M 20', 'M 33', 'NGC 6992', 'M 63'];
const TELESCOPES = ['S50_1d3fe189', 'S50_a0b1c2d3', 'S30_77e0f1aa'];

const log = (line: string) => process.stderr.write(`${line}\n`);

/** A deterministic pseudo-random sequence, so every run seeds the same sky. */
function random(seed: number): () => number {
	let s = seed >>> 0;
	return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

export async function seedStacks(db: Db, userId: number): Promise<void> {
	const rand = random(42);
	const [{ id: sessionId }] = await db
		.insert(uploadSessions)
		.values({ userId, sessionToken: randomBytes(16).toString('hex'), status: 'complete' })
		.$returningId();
	const batch = 1000;
	const first = Date.UTC(2023, 0, 1);
	for (let at = 0; at < BENCH_STACKS; at += batch) {
		const n = Math.min(batch, BENCH_STACKS - at);
		const keys = Array.from({ length: n }, (_, i) => `bench.${at + i}`);
		await db.insert(stackingJobs).values(keys.map((chunkKey) => ({ userId, uploadSessionId: sessionId, chunkKey, status: 'completed' as const })));
		const jobs = await db.select({ id: stackingJobs.id, key: stackingJobs.chunkKey }).from(stackingJobs).where(eq(stackingJobs.uploadSessionId, sessionId));
		const byKey = new Map(jobs.map((j) => [j.key, j.id]));
		await db.insert(stackedFrames).values(
			keys.map((chunkKey) => {
				const ra = rand() * 360;
				const dec = Math.asin(2 * rand() - 1) * (180 / Math.PI);
				const start = new Date(first + Math.floor(rand() * 3 * 365 * 86_400) * 1000);
				const aligned = 20 + Math.floor(rand() * 70);
				return {
					stackingJobId: byKey.get(chunkKey)!,
					userId,
					objectName: OBJECTS[Math.floor(rand() * OBJECTS.length)],
					chunkKey,
					storagePath: `user_${userId}/${chunkKey}.fits`,
					thumbnailPath: `user_${userId}/${chunkKey}.png`,
					reportPath: `user_${userId}/${chunkKey}.json`,
					nFramesInput: aligned + Math.floor(rand() * 5),
					nFramesAligned: aligned,
					totalExptime: aligned * 10,
					dateObsStart: start,
					dateObsEnd: new Date(start.getTime() + aligned * 10_000),
					raDeg: ra,
					decDeg: dec,
					fileSizeBytes: 41_000_000,
					nStarsDetected: 100 + Math.floor(rand() * 900),
					telescope: TELESCOPES[Math.floor(rand() * TELESCOPES.length)],
					filterName: rand() < 0.8 ? 'IRCUT' : 'LP',
					healpix: healpixRing(HEALPIX_NSIDE, ra, dec)
				};
			})
		);
	}
}

interface Timing {
	label: string;
	ms: number[];
	detail: string;
}

async function time(label: string, run: () => Promise<string>): Promise<Timing> {
	await run();
	const ms: number[] = [];
	let detail = '';
	for (let i = 0; i < RUNS; i++) {
		const started = performance.now();
		detail = await run();
		ms.push(performance.now() - started);
	}
	return { label, ms: ms.sort((a, b) => a - b), detail };
}

async function fetchText(url: string, cookie: string): Promise<{ status: number; text: string }> {
	const response = await fetch(url, { headers: { cookie, accept: url.includes('/api/') ? 'application/json' : 'text/html' } });
	return { status: response.status, text: await response.text() };
}

/** Seeds, measures and returns the table; database, storage and the server are removed whatever happens. */
export async function runStacksBench(env: NodeJS.ProcessEnv = process.env): Promise<string> {
	const databaseUrl = freshDatabaseUrl(env.DATABASE_URL || DEFAULT_DATABASE_URL, 'crowdsky_bench_stacks_');
	buildIfStale();
	const scratch = await mkdtemp(join(tmpdir(), 'crowdsky-bench-stacks-'));
	log(`stacks: ${BENCH_STACKS} stacks of one user in a throwaway database ${parseDatabaseUrl(databaseUrl).database} ...`);
	await ensureDatabase(databaseUrl);
	const { db, pool } = createDb(databaseUrl);
	const previousUrl = process.env.DATABASE_URL;
	let server: ChildProcess | undefined;
	try {
		const app = await startApp(databaseUrl, scratch);
		server = app.child;
		const observer = await register(app.baseUrl, 'bench_stacks');
		const [{ id: userId }] = await db.select({ id: users.id }).from(users).where(eq(users.username, observer.username));
		await seedStacks(db, userId);

		// The library in this process, on the same database (getDb reads DATABASE_URL at first use).
		process.env.DATABASE_URL = databaseUrl;
		await closeDb();
		const timings: Timing[] = [
			await time('listStackSummaries, no filter', async () => `${(await listStackSummaries(userId, {})).length} stacks`),
			await time('listStackSummaries, object "M 3"', async () => `${(await listStackSummaries(userId, { object: 'M 3' })).length} stacks`),
			await time('listStacksPage 1 of 50, with total', async () => `${(await listStacksPage(userId, {}, 1, 50)).items.length} items`)
		];
		const get = (path: string) => async () => {
			const { status, text } = await fetchText(`${app.baseUrl}${path}`, observer.cookie);
			if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${text.slice(0, 200)}`);
			return `${(text.length / 1024).toFixed(0)} KiB`;
		};
		timings.push(
			await time('HTTP GET /api/stacks/summaries', get('/api/stacks/summaries')),
			await time('HTTP GET /api/stacks?page=1&pageSize=50', get('/api/stacks?page=1&pageSize=50')),
			await time('HTTP GET /stacks (page HTML)', get('/stacks'))
		);
		const rows = timings.map((t) => [t.label, fixed(t.ms[Math.floor(t.ms.length / 2)], 1), fixed(t.ms[0], 1), fixed(t.ms[t.ms.length - 1], 1), t.detail]);
		const title = `Stacks page, ${BENCH_STACKS.toLocaleString('en')} stacks of one user (${RUNS} runs after a warm-up; target: first data < ${TARGET_MS} ms)`;
		return `${title}\n${formatTable(['measure', 'median ms', 'min ms', 'max ms', 'answer'], rows)}`;
	} finally {
		await closeDb();
		if (previousUrl === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = previousUrl;
		if (server) await stop(server);
		await pool.end();
		await rm(scratch, { recursive: true, force: true });
		await dropDatabase(databaseUrl);
	}
}
