// End-to-end crowd compute on this machine: the built app served by `node scripts/start.js` on a
// throwaway database and temporary storage, an observer uploads JOBS chunks of full-size synthetic
// frames through the upload API and finalizes, then one trusted `node runner.js` works until every
// job is completed. Jobs and frames per minute count from the runner's start to its last job line,
// so they include its start-up; the upload is timed on its own.
//
// Frames: one cached synthetic set of FRAMES_PER_JOB frames (bench/synthetic.ts), re-used for every
// chunk with DATE-OBS moved on by CHUNK_SPACING_MIN minutes per chunk (pixels identical), so a free
// observer's 15-minute windows make each chunk its own job.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { DEFAULT_DATABASE_URL, ensureDatabase, parseDatabaseUrl } from '../scripts/migrate.js';
import { dropDatabase, freshDatabaseUrl } from '../tests/harness/databases';
import { buildNeeded } from '../scripts/start.js';
import { createApiToken } from '../src/lib/server/auth/api-tokens';
import { SESSION_COOKIE_NAME } from '../src/lib/server/auth/cookies';
import { closeDb, createDb, type Db } from '../src/lib/server/db';
import { apiTokens, stackedFrames, stackingJobs, users } from '../src/lib/server/db/schema';
import { redatedFrame } from '../tests/harness/redate';
import { spawnRunner } from '../tests/harness/runner-process';
import { collectOutput, freePort, stop, waitUntilAnswering } from '../tests/helpers/global-server';
import { syntheticSet } from './synthetic';
import { fixed, formatTable } from './table';
import { sleep } from '../src/lib/util/sleep';

export const JOBS = 10;
export const FRAMES_PER_JOB = 10;
export const RUNNER_THREADS = 2;
/** Free observers' chunk window: chunks this far apart never share a job. */
const CHUNK_SPACING_MIN = 15;
/** Give up (and say so) if the runner has not finished by then. */
const JOBS_TIMEOUT_MS = 30 * 60_000;
const POLL_MS = 250;

const ROOT = new URL('../', import.meta.url).pathname;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs the whole flow and returns the table; database, storage and processes are cleaned up whatever happens. */
export async function runJobsBench({ cache, env = process.env }: { cache: string; env?: NodeJS.ProcessEnv }): Promise<string> {
	const set = syntheticSet(cache, FRAMES_PER_JOB, log);
	return withBenchApp('jobs', env, async ({ db, databaseUrl, base, child: server }) => {
		const observer = await register(base, 'bench_observer');
		const token = await trustedToken(db, databaseUrl, await register(base, 'bench_volunteer'));
		log(`jobs: uploading ${JOBS} chunks × ${FRAMES_PER_JOB} frames ...`);
		const upload = await uploadChunks(base, observer.cookie, set.dir, set.frames.map((f) => f.file));
		if (upload.jobs !== JOBS) throw new Error(`finalize made ${upload.jobs} jobs from ${JOBS} chunks ${CHUNK_SPACING_MIN} minutes apart; expected one job per chunk`);

		log(`jobs: one runner with ${RUNNER_THREADS} threads until all ${JOBS} jobs are completed ...`);
		const loadBefore = loadavg()[0];
		const started = performance.now();
		const run = startRunner(base, token);
		try {
			await waitForJobs(db, run);
			const seconds = ((run.lastJobAt() ?? performance.now()) - started) / 1000;
			const runnerPeak = memoryMb(run.child.pid!, 'VmHWM');
			const serverPeak = memoryMb(server.pid!, 'VmHWM');
			const [{ stacks }] = await db.select({ stacks: count() }).from(stackedFrames);
			if (stacks !== JOBS) throw new Error(`${stacks} stacks stored for ${JOBS} completed jobs`);

			const lines = run.completed();
			const frames = lines.reduce((n, l) => n + l.input, 0);
			const aligned = lines.reduce((n, l) => n + l.aligned, 0);
			const meanJob = lines.reduce((s, l) => s + l.seconds, 0) / lines.length;
			const title =
				`End-to-end jobs: ${JOBS} chunks × ${FRAMES_PER_JOB} synthetic ${set.width} × ${set.height} frames uploaded and finalized through the API, ` +
				`one trusted \`node runner.js --concurrency ${RUNNER_THREADS}\` against \`node scripts/start.js\` ` +
				`(${availableParallelism()} cores, 1-min load ${fixed(loadBefore, 1)} before the runner, ${fixed(loadavg()[0], 1)} after)\n` +
				`upload + finalize: ${JOBS * FRAMES_PER_JOB} frames, ${fixed(upload.bytes / 2 ** 20, 0)} MB in ${fixed(upload.seconds, 1)} s; ` +
				`frames aligned and stacked: ${aligned} of ${frames}`;
			const head = ['jobs', 'frames', 'seconds', 'jobs/min', 'frames/min', 'mean s/job', 'server peak RSS MB', 'runner peak RSS MB'];
			const row = [String(lines.length), String(frames), fixed(seconds, 1), fixed((lines.length / seconds) * 60, 2), fixed((frames / seconds) * 60, 1), fixed(meanJob, 1), fixed(serverPeak, 0), fixed(runnerPeak, 0)];
			return `${title}\n${formatTable(head, [row], 0)}`;
		} finally {
			await stopRunner(run.child);
		}
	});
}

export interface BenchApp {
	db: Db;
	databaseUrl: string;
	base: string;
	/** `node scripts/start.js`. */
	child: ChildProcess;
}

/**
 * The built app (`startApp`) on a throwaway database named for `section` and temporary storage,
 * for `use`; the app is stopped and the database and storage removed afterwards, whatever happens.
 */
export async function withBenchApp<T>(section: string, env: NodeJS.ProcessEnv, use: (app: BenchApp) => Promise<T>): Promise<T> {
	const databaseUrl = freshDatabaseUrl(env.DATABASE_URL || DEFAULT_DATABASE_URL, `crowdsky_bench_${section}_`);
	buildIfStale();
	const scratch = await mkdtemp(join(tmpdir(), `crowdsky-bench-${section}-`));
	log(`${section}: throwaway database ${parseDatabaseUrl(databaseUrl).database}, storage in ${scratch} ...`);
	await ensureDatabase(databaseUrl);
	const { db, pool } = createDb(databaseUrl);
	let server: ChildProcess | undefined;
	try {
		const app = await startApp(databaseUrl, scratch);
		server = app.child;
		return await use({ db, databaseUrl, base: app.baseUrl, child: app.child });
	} finally {
		if (server) await stop(server);
		await pool.end();
		await rm(scratch, { recursive: true, force: true });
		await dropDatabase(databaseUrl);
	}
}

/** `scripts/start.js` would build too, but inside the start-up wait; building first keeps that short. */
export function buildIfStale(): void {
	const reason = buildNeeded();
	if (!reason) return;
	log(`jobs: building the app (${reason}) ...`);
	const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status ?? build.signal})`);
}

/** The app as an operator starts it, in its own process group (so `stop` reaches all of it). */
export async function startApp(databaseUrl: string, scratch: string): Promise<{ child: ChildProcess; baseUrl: string }> {
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/start.js'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, RAW_STORAGE: join(scratch, 'raw'), STACK_STORAGE: join(scratch, 'stacks') },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	try {
		await waitUntilAnswering(baseUrl, child, collectOutput(child));
	} catch (error) {
		await stop(child);
		throw error;
	}
	return { child, baseUrl };
}

/**
 * Registers through the form an observer uses; returns the session cookie it sets and the user's
 * name. `doFetch` lets the drill register from a network of its own.
 */
export async function register(base: string, prefix: string, doFetch: typeof fetch = fetch): Promise<{ username: string; cookie: string }> {
	const username = `${prefix}_${randomBytes(3).toString('hex')}`;
	const password = randomBytes(12).toString('hex');
	const form = new URLSearchParams({ username, email: `${username}@bench.test`, password, passwordRepeat: password });
	// Accept HTML: the plain form post a browser without JavaScript makes (answered with a 303).
	const res = await doFetch(`${base}/register?/register`, { method: 'POST', headers: { origin: base, accept: 'text/html' }, body: form, redirect: 'manual' });
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE_NAME}=`));
	if (res.status !== 303 || !cookie) throw new Error(`registering ${username} answered ${res.status} without a session: ${(await res.text()).slice(0, 300)}`);
	return { username, cookie: cookie.split(';')[0] };
}

/** The volunteer's API token, marked trusted as an operator would (results accepted alone). */
export async function trustedToken(db: Db, databaseUrl: string, volunteer: { username: string }): Promise<string> {
	const [{ id }] = await db.select({ id: users.id }).from(users).where(eq(users.username, volunteer.username));
	// createApiToken uses the process-wide database: point it at the throwaway one, then close it.
	const previous = process.env.DATABASE_URL;
	await closeDb();
	process.env.DATABASE_URL = databaseUrl;
	try {
		const created = await createApiToken(id, 'bench runner');
		if (!created.ok) throw new Error(`API token for ${volunteer.username}: ${created.message}`);
		await db.update(apiTokens).set({ trusted: 1 }).where(eq(apiTokens.id, created.summary.id));
		return created.token;
	} finally {
		await closeDb();
		if (previous === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = previous;
	}
}

/** One upload session of `jobs` chunks (the set's frames, re-dated per chunk from chunk `first` on), finalized. */
export async function uploadChunks(base: string, cookie: string, dir: string, files: string[], jobs = JOBS, first = 0) {
	const headers = { cookie, origin: base };
	const started = performance.now();
	const opened = await fetch(`${base}/api/uploads`, { method: 'POST', headers });
	if (opened.status !== 201) throw new Error(`POST /api/uploads answered ${opened.status}: ${await opened.text()}`);
	const { token } = (await opened.json()) as { token: string };
	const originals = files.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
	let bytes = 0;
	for (let chunk = first; chunk < first + jobs; chunk++) {
		for (const frame of originals) {
			const body = redatedFrame(frame.bytes, chunk * CHUNK_SPACING_MIN, frame.name);
			const name = frame.name.replace(/\.fit$/, `_chunk${chunk}.fit`);
			const sha = createHash('sha256').update(body).digest('hex');
			const put = await fetch(`${base}/api/uploads/${token}/files?name=${encodeURIComponent(name)}&sha256=${sha}`, {
				method: 'PUT',
				headers: { ...headers, 'content-type': 'application/octet-stream' },
				body: body as Uint8Array<ArrayBuffer> // redatedFrame allocates a plain ArrayBuffer
			});
			if (put.status !== 201) throw new Error(`uploading ${name} answered ${put.status}: ${await put.text()}`);
			bytes += body.length;
		}
	}
	const fin = await fetch(`${base}/api/uploads/${token}/finalize`, { method: 'POST', headers });
	if (fin.status !== 200) throw new Error(`finalize answered ${fin.status}: ${await fin.text()}`);
	const made = ((await fin.json()) as { jobs: unknown[] }).jobs;
	return { jobs: made.length, bytes, seconds: (performance.now() - started) / 1000 };
}

interface JobLine {
	input: number;
	aligned: number;
	seconds: number;
}

/** The runner as a volunteer starts it (a daemon, RUNNER_THREADS threads); its job lines are timed as they arrive. */
export function startRunner(base: string, token: string) {
	const child = spawnRunner(['--server', base, '--token', token, '--concurrency', String(RUNNER_THREADS)]);
	const output = collectOutput(child);
	const completed: JobLine[] = [];
	let lastJobAt: number | undefined;
	let pending = '';
	child.stdout.on('data', (chunk: Buffer) => {
		pending += chunk.toString();
		const lines = pending.split('\n');
		pending = lines.pop()!;
		for (const line of lines) {
			const m = /^job \d+ \S+: completed (\d+)\/(\d+) frames in ([\d.]+) s/.exec(line);
			if (!m) continue;
			completed.push({ aligned: Number(m[1]), input: Number(m[2]), seconds: Number(m[3]) });
			lastJobAt = performance.now();
		}
	});
	return { child, output, completed: () => completed, lastJobAt: () => lastJobAt };
}

/** Until every job is completed; a failed job, a runner that exits or the timeout ends the bench with the runner's output. */
async function waitForJobs(db: Db, run: ReturnType<typeof startRunner>): Promise<void> {
	const deadline = Date.now() + JOBS_TIMEOUT_MS;
	for (;;) {
		const rows = await db.select({ status: stackingJobs.status, error: stackingJobs.errorMessage }).from(stackingJobs);
		const failed = rows.find((r) => r.status === 'failed');
		if (failed) throw new Error(`a job failed: ${failed.error}\nrunner output:\n${run.output()}`);
		if (rows.every((r) => r.status === 'completed') && run.completed().length === JOBS) return;
		if (run.child.exitCode !== null) throw new Error(`the runner exited with ${run.child.exitCode}:\n${run.output()}`);
		if (Date.now() > deadline) throw new Error(`not all ${JOBS} jobs completed within ${JOBS_TIMEOUT_MS / 60_000} min:\n${run.output()}`);
		await sleep(POLL_MS);
	}
}

/** A memory figure of a live process from /proc/PID/status, MB: VmRSS (resident now) or VmHWM (its peak). */
export function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!kb) throw new Error(`no ${field} in /proc/${pid}/status`);
	return Number(kb[1]) / 1024;
}

/** SIGTERM, as an operator stops the daemon (it gives any lease back and exits). */
export function stopRunner(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
		child.once('exit', () => {
			clearTimeout(force);
			resolve();
		});
		child.kill('SIGTERM');
	});
}
