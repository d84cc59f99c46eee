// The drill: a private MariaDB, a real WebDAV server (rclone) holding raws and stacks, the app as
// `node scripts/start.js`; observers upload their nights at once while runners and a Compute tab
// stack; faults are injected meanwhile; then the end-of-run proof and the figures.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { eq, inArray, notInArray, count } from 'drizzle-orm';
import { buildIfStale, register } from '../bench/jobs-e2e';
import { createApiToken } from '../src/lib/server/auth/api-tokens';
import { closeDb, createDb, type Db } from '../src/lib/server/db';
import { apiTokens, stackingJobs, users } from '../src/lib/server/db/schema';
import { createStorage } from '../src/lib/server/storage/create';
import { sleep } from '../src/lib/util/sleep';
import { startWebdavServer } from '../tests/helpers/webdav';
import { startAppProcess, type AppProcess } from './app-process';
import { openComputeTab, type ComputeTab } from './compute-tab';
import { runFaults, type FaultRecord, type FaultTiming } from './faults';
import { formatFigures } from './figures';
import { observerNight } from './night';
import { startPrivateMariadb, type PrivateMariadb } from './private-mariadb';
import { proveRun, type ObserverRun, type Proof } from './proof';
import { runnerCrowd, type RunnerCrowd } from './runners';
import { uploadNight, type UploadOutcome } from './upload-client';
import { startWatch, type Watch } from './watch';

export interface DrillOptions {
	/** The frames of one chunk (re-dated per chunk and observer). */
	frames: { dir: string; files: string[] };
	observers: number;
	jobsPerObserver: number;
	runners: number;
	runnerThreads: number;
	/** Workers of the observer's Compute tab; 0 for no browser. */
	tabWorkers: number;
	/** Pause between an observer's frame uploads, ms (a night arriving over time). */
	uploadPaceMs: number;
	faults: FaultTiming;
	/** The server's LEASE_SECONDS: how soon a killed runner's job comes back. */
	leaseSeconds: number;
	/** Give up waiting for the jobs after this long. */
	timeoutMs: number;
	log: (line: string) => void;
}

export interface DrillResult {
	proof: Proof;
	faults: FaultRecord[];
	figures: string;
	/** Runner exits the drill did not cause, and Compute tab errors: each is a finding. */
	incidents: string[];
}

const DATABASE = 'crowdsky_drill';

export async function runDrill(o: DrillOptions): Promise<DrillResult> {
	await buildWhileOthersBuild(o.log);
	const cleanups: (() => Promise<unknown>)[] = [];
	try {
		o.log(`drill: private MariaDB, rclone WebDAV, the app ...`);
		const mariadb = await startPrivateMariadb(DATABASE);
		cleanups.push(() => mariadb.destroy());
		const webdav = await startWebdavServer();
		cleanups.push(() => rm(webdav.root, { recursive: true, force: true }), () => webdav.stop());
		const rawDir = join(webdav.root, 'raw');
		const stackDir = join(webdav.root, 'stacks');
		const app = await startAppProcess({
			DATABASE_URL: mariadb.url,
			RAW_STORAGE: `${webdav.url}/raw`,
			STACK_STORAGE: `${webdav.url}/stacks`,
			WEBDAV_USERNAME: webdav.username,
			WEBDAV_PASSWORD: webdav.password,
			LEASE_SECONDS: String(o.leaseSeconds),
			// Every observer and volunteer registers from 127.0.0.1.
			REGISTRATIONS_PER_HOUR: String(o.observers + 10)
		});
		cleanups.push(() => app.stop());
		const { db, pool } = createDb(mariadb.url);
		cleanups.push(() => pool.end());

		const observers = await Promise.all(Array.from({ length: o.observers }, (_, i) => register(app.baseUrl, `drill_obs${i}`)));
		const tokens = await trustedTokens(db, mariadb.url, await register(app.baseUrl, 'drill_volunteer'), o.runners);
		const nights = observers.map((_, i) => observerNight(i, o.jobsPerObserver, o.frames));
		const watch = startWatch({ db, rawDir, stackDir, probeUrl: `${app.baseUrl}/api/compute/stats`, cookie: observers[0].cookie });
		cleanups.push(() => watch.stop());
		const runners = runnerCrowd(app.baseUrl, tokens, o.runnerThreads);
		cleanups.push(() => runners.stopAll());
		for (let i = 0; i < o.runners; i++) runners.start();
		let tab: ComputeTab | undefined;
		if (o.tabWorkers > 0) {
			tab = await openComputeTab(app.baseUrl, observers[0].cookie, o.tabWorkers);
			cleanups.push(() => tab!.close());
		}

		const goodFrames = nights.flat().filter((f) => !f.bad).length;
		o.log(`drill: ${o.observers} observers upload ${goodFrames} frames (+${nights.flat().length - goodFrames} bad) in ${o.observers * o.jobsPerObserver} chunks; ${o.runners} runners${tab ? ` and a Compute tab (${o.tabWorkers} workers)` : ''} stack; faults meanwhile`);
		const startedAt = Date.now();
		const faultRun = runFaults({ db, mariadb, webdav, app, runners }, o.faults, o.log);
		const uploads: UploadOutcome[] = await Promise.all(observers.map((obs, i) => uploadNight(app.baseUrl, obs.cookie, nights[i], o.uploadPaceMs)));
		const uploadSeconds = (Date.now() - startedAt) / 1000;
		o.log(`drill: uploads finalized after ${uploadSeconds.toFixed(1)} s (${uploads.reduce((n, u) => n + u.jobs, 0)} jobs)`);
		const faults = await faultRun;
		await waitForJobsToEnd(db, app, runners, o.timeoutMs, o.log);
		await runners.stopAll();
		await tab?.close();
		await watch.stop();

		const userIds = await idsOf(db, observers.map((obs) => obs.username));
		const runs: ObserverRun[] = userIds.map((userId, i) => ({ userId, night: nights[i], upload: uploads[i] }));
		// Puts cut off by the faults (WebDAV away, kill -9) leave partials in the stores' .tmp: the
		// hourly sweep's temp step removes them. All work has ended, so every partial is stale now.
		const credentials = { username: webdav.username, password: webdav.password };
		const partials = (
			await Promise.all(['raw', 'stacks'].map((store) => createStorage(`${webdav.url}/${store}`, credentials).removeStaleTemp(new Date())))
		).reduce((a, b) => a + b, 0);
		const proof = await proveRun({ db, observers: runs, rawDir, stackDir, watch });
		if (partials > 0) proof.notes.push(`${partials} partial put(s) cut off by the faults were left in .tmp; the sweep's temp step removed them`);
		await app.stop();
		const incidents = [...runners.unexpectedExits(), ...(tab?.errors() ?? []).map((e) => `Compute tab error: ${e}`)];
		const figures = formatFigures({
			startedAt,
			uploadedFrames: proof.frames.uploaded,
			uploadSeconds,
			uploadRetries: uploads.reduce((n, u) => n + u.retries, 0),
			watch,
			faults,
			serverPeaksMb: app.peaks(),
			runnerPeaksMb: runners.all().map((r) => r.peakMb ?? 0)
		});
		return { proof, faults, figures, incidents };
	} finally {
		for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => o.log(`drill: clean-up: ${String(error)}`));
	}
}

/**
 * In a work tree that others build too, a build can fail because another one rewrote
 * .svelte-kit/output under it: wait and try again, a few times.
 */
async function buildWhileOthersBuild(log: (line: string) => void, tries = 4): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		try {
			return buildIfStale();
		} catch (error) {
			if (attempt >= tries) throw error;
			log(`drill: ${(error as Error).message}; trying again in 30 s (another build may be running)`);
			await sleep(30_000);
		}
	}
}

/** `n` API tokens of the volunteer, marked trusted by an operator. */
async function trustedTokens(db: Db, databaseUrl: string, volunteer: { username: string }, n: number): Promise<string[]> {
	const [id] = await idsOf(db, [volunteer.username]);
	// createApiToken uses the process-wide database: point it at the drill's, then close it again.
	const previous = process.env.DATABASE_URL;
	await closeDb();
	process.env.DATABASE_URL = databaseUrl;
	try {
		const tokens: string[] = [];
		for (let i = 0; i < n; i++) {
			const created = await createApiToken(id, `drill runner ${i + 1}`);
			if (!created.ok) throw new Error(`API token for ${volunteer.username}: ${created.message}`);
			await db.update(apiTokens).set({ trusted: 1 }).where(eq(apiTokens.id, created.summary.id));
			tokens.push(created.token);
		}
		return tokens;
	} finally {
		await closeDb();
		if (previous === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = previous;
	}
}

async function idsOf(db: Db, usernames: string[]): Promise<number[]> {
	const rows = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, usernames));
	return usernames.map((name) => {
		const row = rows.find((r) => r.username === name);
		if (!row) throw new Error(`no user ${name}`);
		return row.id;
	});
}

/** Until no job is pending, processing or in retry, or the timeout; keeps the crowd at strength if a runner died by itself. */
async function waitForJobsToEnd(db: Db, app: AppProcess, runners: RunnerCrowd, timeoutMs: number, log: (line: string) => void): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const wanted = runners.alive().length;
	let last = '';
	for (;;) {
		const [{ open }] = await db
			.select({ open: count() })
			.from(stackingJobs)
			.where(notInArray(stackingJobs.status, ['completed', 'failed']))
			.catch(() => [{ open: -1 }]);
		if (open === 0) return;
		const line = `drill: ${open} jobs still open`;
		if (line !== last) log((last = line));
		while (runners.alive().length < wanted) runners.start();
		if (Date.now() > deadline) {
			// Stuck jobs are a finding: the proof lists them, with the server's last words here.
			log(`drill: ${open} jobs still open after ${timeoutMs / 60_000} min; going on to the proof. Server output:\n${app.output().slice(-3000)}`);
			return;
		}
		await sleep(1000);
	}
}
