// The drill: a private MariaDB, a real WebDAV server (rclone) holding raws and stacks, two app
// instances (`node scripts/start.js`) behind Debian's nginx; observers upload their nights at once
// while trusted and untrusted runners and a Compute tab stack, and attackers (a Sybil pair on one
// /24, one on two /24s, a griefer) post forgeries and fail jobs; faults are injected meanwhile;
// then the end-of-run proof and the figures. Every client goes through nginx, each volunteer from
// an address of its own network.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { notInArray, count } from 'drizzle-orm';
import { buildIfStale } from '../bench/jobs-e2e';
import { createDb, type Db } from '../src/lib/server/db';
import { stackingJobs } from '../src/lib/server/db/schema';
import { createStorage } from '../src/lib/server/storage/create';
import { sleep } from '../src/lib/util/sleep';
import { startWebdavServer } from '../tests/helpers/webdav';
import { startAppProcess, type AppProcess } from './app-process';
import { startAttack, type Attack } from './attackers/attack';
import { openComputeTab, type ComputeTab } from './compute-tab';
import { runFaults, type FaultRecord, type FaultTiming } from './faults';
import { formatFigures } from './figures';
import { observerNight } from './night';
import { startPrivateMariadb, type PrivateMariadb } from './private-mariadb';
import { proveRun, type ObserverRun, type Proof } from './proof';
import { runnerEnvFrom } from './local-address';
import { startNginx } from './nginx';
import { runnerCrowd, type RunnerCrowd, type Volunteer } from './runners';
import { uploadNight, type UploadOutcome } from './upload-client';
import { newAccount } from './volunteers';
import { startWatch, type Watch } from './watch';

export interface DrillOptions {
	/** The frames of one chunk (re-dated per chunk and observer). */
	frames: { dir: string; files: string[] };
	observers: number;
	jobsPerObserver: number;
	/** `node runner.js` processes with an operator's trusted tokens. */
	runners: number;
	/** Honest untrusted volunteers, each on a /24 of its own with one runner: crowd agreement. */
	untrustedRunners: number;
	runnerThreads: number;
	/** Forgeries each Sybil pair makes; 0: no attackers at all. */
	sybilRounds: number;
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
	/** Runner exits the drill did not cause, Compute tab errors, failed sweeps: each is a finding. */
	incidents: string[];
	/** Requests each app instance answered through nginx. */
	served: { instance: string; requests: number }[];
}

const DATABASE = 'crowdsky_drill';

export async function runDrill(o: DrillOptions): Promise<DrillResult> {
	await buildWhileOthersBuild(o.log);
	const cleanups: (() => Promise<unknown>)[] = [];
	try {
		o.log(`drill: private MariaDB, rclone WebDAV, two app instances behind nginx ...`);
		const mariadb = await startPrivateMariadb(DATABASE);
		cleanups.push(() => mariadb.destroy());
		const webdav = await startWebdavServer();
		cleanups.push(() => rm(webdav.root, { recursive: true, force: true }), () => webdav.stop());
		const rawDir = join(webdav.root, 'raw');
		const stackDir = join(webdav.root, 'stacks');
		const appEnv = {
			DATABASE_URL: mariadb.url,
			RAW_STORAGE: `${webdav.url}/raw`,
			STACK_STORAGE: `${webdav.url}/stacks`,
			WEBDAV_USERNAME: webdav.username,
			WEBDAV_PASSWORD: webdav.password,
			LEASE_SECONDS: String(o.leaseSeconds),
			// nginx writes the peer's address there, overwriting whatever the client sent.
			CLIENT_ADDRESS_HEADER: 'x-forwarded-for',
			// Every observer and the trusted volunteer register from 127.0.0.1.
			REGISTRATIONS_PER_HOUR: String(o.observers + 10)
		};
		const apps: AppProcess[] = [];
		for (let i = 0; i < 2; i++) {
			apps.push(await startAppProcess(appEnv));
			cleanups.push(() => apps[i].stop());
		}
		const nginx = await startNginx(apps.map((a) => a.port));
		cleanups.push(() => nginx.stop());
		const base = nginx.baseUrl;
		const { db, pool } = createDb(mariadb.url);
		cleanups.push(() => pool.end());
		const parts = { baseUrl: base, db, databaseUrl: mariadb.url };

		const observers = await Promise.all(Array.from({ length: o.observers }, (_, i) => newAccount(parts, { prefix: `drill_obs${i}` })));
		const trusted = await newAccount(parts, { prefix: 'drill_volunteer', tokens: o.runners, trusted: true });
		const volunteers: Volunteer[] = trusted.tokens.map((token) => ({ token }));
		for (let i = 0; i < o.untrustedRunners; i++) {
			const localAddress = `127.0.${21 + i}.1`;
			const honest = await newAccount(parts, { prefix: `drill_crowd${i}`, localAddress, tokens: 1 });
			volunteers.push({ token: honest.tokens[0], env: runnerEnvFrom(localAddress) });
		}
		const nights = observers.map((_, i) => observerNight(i, o.jobsPerObserver, o.frames));
		const watch = startWatch({ db, rawDir, stackDir, probeUrl: `${base}/api/compute/stats`, cookie: observers[0].cookie });
		cleanups.push(() => watch.stop());
		const runners = runnerCrowd(base, volunteers, o.runnerThreads);
		cleanups.push(() => runners.stopAll());
		for (const volunteer of volunteers) runners.start(volunteer);
		let tab: ComputeTab | undefined;
		if (o.tabWorkers > 0) {
			tab = await openComputeTab(base, observers[0].cookie, o.tabWorkers);
			cleanups.push(() => tab!.close());
		}
		let attack: Attack | undefined;
		if (o.sybilRounds > 0) {
			attack = await startAttack(parts, { sybilRounds: o.sybilRounds });
			cleanups.push(() => attack!.stop());
		}

		const goodFrames = nights.flat().filter((f) => !f.bad).length;
		o.log(
			`drill: ${o.observers} observers upload ${goodFrames} frames (+${nights.flat().length - goodFrames} bad) in ${o.observers * o.jobsPerObserver} chunks; ` +
				`${o.runners} trusted and ${o.untrustedRunners} untrusted runners${tab ? ` and a Compute tab (${o.tabWorkers} workers)` : ''} stack` +
				`${attack ? ', two Sybil pairs forge and a griefer fails' : ''}; faults meanwhile`
		);
		const startedAt = Date.now();
		const faultRun = runFaults({ db, mariadb, webdav, apps, appEnv, runners }, o.faults, o.log);
		const uploads: UploadOutcome[] = await Promise.all(observers.map((obs, i) => uploadNight(base, obs.cookie, nights[i], o.uploadPaceMs)));
		const uploadSeconds = (Date.now() - startedAt) / 1000;
		o.log(`drill: uploads finalized after ${uploadSeconds.toFixed(1)} s (${uploads.reduce((n, u) => n + u.jobs, 0)} jobs)`);
		const faults = await faultRun;
		await waitForJobsToEnd(db, apps[0], runners, o.timeoutMs, o.log);
		await attack?.stop();
		await runners.stopAll();
		await tab?.close();
		await watch.stop();

		const runs: ObserverRun[] = observers.map((obs, i) => ({ userId: obs.userId, night: nights[i], upload: uploads[i] }));
		// Puts cut off by the faults (WebDAV away, kill -9) leave partials in the stores' .tmp: the
		// hourly sweep's temp step removes them. All work has ended, so every partial is stale now.
		const credentials = { username: webdav.username, password: webdav.password };
		const partials = (
			await Promise.all(['raw', 'stacks'].map((store) => createStorage(`${webdav.url}/${store}`, credentials).removeStaleTemp(new Date())))
		).reduce((a, b) => a + b, 0);
		const attackFacts = attack && {
			sybilIds: attack.sybilIds,
			pairs: attack.pairs,
			posts: attack.posts(),
			griefFails: attack.griefer.fails(),
			griefLimited: attack.griefer.limited()
		};
		const proof = await proveRun({ db, observers: runs, rawDir, stackDir, watch, attack: attackFacts });
		if (partials > 0) proof.notes.push(`${partials} partial put(s) cut off by the faults were left in .tmp; the sweep's temp step removed them`);
		for (const app of apps) await app.stop();
		const served = await nginx.served();
		const incidents = [
			...runners.unexpectedExits(),
			...(tab?.errors() ?? []).map((e) => `Compute tab error: ${e}`),
			...faults.flatMap((f) => (f.incident ? [f.incident] : []))
		];
		const perInstance = apps.map((a, i) => ({ instance: `${i + 1} (port ${a.port})`, requests: served.get(`127.0.0.1:${a.port}`) ?? 0 }));
		const figures = formatFigures({
			startedAt,
			uploadedFrames: proof.frames.uploaded,
			uploadSeconds,
			uploadRetries: uploads.reduce((n, u) => n + u.retries, 0),
			watch,
			faults,
			serverPeaksMb: apps.flatMap((a) => a.peaks()),
			serverCpuS: apps.flatMap((a) => a.cpu()),
			runnerPeaksMb: runners.all().map((r) => r.peakMb ?? 0),
			served: perInstance,
			attack: proof.attack
		});
		return { proof, faults, figures, incidents, served: perInstance };
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
