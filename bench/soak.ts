// A night of jobs, shortened: `--soak-jobs N` small jobs (FRAMES_PER_JOB full-size synthetic frames
// each) through ONE `node runner.js` daemon, then N more through ONE Chromium Compute tab, against
// `node scripts/start.js` on a throwaway database. After every completed job the resident memory of
// the runner, and of Chromium's browser process and its largest renderer (the tab), is read from
// /proc; the table gives it every SAMPLE_EVERY jobs and the least-squares slope after the first
// WARM_UP jobs. A leak of anything job-sized shows as megabytes per job.
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { count, eq } from 'drizzle-orm';
import { SESSION_COOKIE_NAME } from '../src/lib/server/auth/cookies';
import type { Db } from '../src/lib/server/db';
import { stackingJobs, users } from '../src/lib/server/db/schema';
import { sleep } from '../src/lib/util/sleep';
import { launchBareChromium, type BareChromium } from '../tests/browser/bare-chromium';
import { slopePerStep } from '../tests/harness/memory-slope';
import { SOAK_WORKERS, type SoakWorker } from './args';
import { memoryMb, register, RUNNER_THREADS, startRunner, stopRunner, trustedToken, uploadChunks, withBenchApp } from './jobs-e2e';
import { syntheticSet } from './synthetic';
import { fixed, formatTable } from './table';

const FRAMES_PER_JOB = 4;
/** Jobs left out of the slope: caches, pools and JIT fill up first. */
const WARM_UP = 10;
const SAMPLE_EVERY = 10;
/** Give up (and say so) when no job completes for this long. */
const STALL_MS = 5 * 60_000;
const POLL_MS = 200;
/** The page loaded and its workers started, on a loaded machine. */
const START_TIMEOUT_MS = 120_000;
/** Enough for every stack of both phases: the observer's quota must not end the soak. */
const STORAGE_LIMIT_MB = '90000000';

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Series {
	process: string;
	/** Resident set after each completed job, MB. */
	rss: number[];
	/** The phase: from the worker's start to its last job. */
	run?: Run;
}

interface Run {
	minutes: number;
	/** 1-minute load average, mean over the jobs' readings. */
	load: number;
}

/** The workers' phases and the table; database, storage, browser and processes are cleaned up whatever happens. */
export async function runSoakBench({ cache, jobs, workers = [...SOAK_WORKERS], env = process.env }: { cache: string; jobs: number; workers?: SoakWorker[]; env?: NodeJS.ProcessEnv }): Promise<string> {
	const set = syntheticSet(cache, FRAMES_PER_JOB, log);
	const files = set.frames.map((f) => f.file);
	return withBenchApp('soak', env, async ({ db, databaseUrl, base }) => {
		const observer = await register(base, 'soak_observer');
		await db.update(users).set({ storageLimitMb: STORAGE_LIMIT_MB }).where(eq(users.username, observer.username));
		const series: Series[] = [];
		let uploaded = 0;

		if (workers.includes('runner')) {
			const token = await trustedToken(db, databaseUrl, await register(base, 'soak_volunteer'));
			log(`soak: uploading ${jobs} chunks × ${FRAMES_PER_JOB} frames for the runner ...`);
			await uploadChunks(base, observer.cookie, set.dir, files, jobs, uploaded);
			uploaded += jobs;
			log(`soak: one runner with ${RUNNER_THREADS} threads for ${jobs} jobs ...`);
			series.push(await soakRunner(db, base, token, uploaded));
		}
		if (workers.includes('tab')) {
			log(`soak: uploading ${jobs} chunks for the Compute tab ...`);
			await uploadChunks(base, observer.cookie, set.dir, files, jobs, uploaded);
			uploaded += jobs;
			// The observer works their own jobs: a result is then accepted alone, as the runner's trusted token's are.
			log(`soak: one Chromium Compute tab with ${RUNNER_THREADS} workers for ${jobs} jobs ...`);
			series.push(...(await soakTab(db, base, observer.cookie, uploaded)));
		}

		const how = { runner: `one \`node runner.js --concurrency ${RUNNER_THREADS}\``, tab: `one Chromium Compute tab (${RUNNER_THREADS} workers)` };
		const title =
			`Soak: ${jobs} jobs of ${FRAMES_PER_JOB} synthetic ${set.width} × ${set.height} frames through ${workers.map((w) => how[w]).join(', then ')}, ` +
			`against \`node scripts/start.js\`\n` +
			`resident memory (VmRSS) after each completed job, MB; slope: least squares over jobs ${WARM_UP + 1}–${jobs}. ` +
			`Every job brings ${FRAMES_PER_JOB} new frames; the runner caches them on disk`;
		return `${title}\n${memoryTable(series)}`;
	});
}

/** The runner daemon until `total` jobs are completed; its RSS after each. */
async function soakRunner(db: Db, base: string, token: string, total: number): Promise<Series> {
	const { child, output } = startRunner(base, token);
	const series: Series = { process: 'runner (node)', rss: [] };
	try {
		series.run = await eachCompleted(db, total, () => {
			if (child.exitCode !== null) throw new Error(`the runner exited with ${child.exitCode}:\n${output()}`);
			return () => {
				series.rss.push(memoryMb(child.pid!, 'VmRSS'));
				return `runner ${fixed(series.rss.at(-1)!, 0)} MB`;
			};
		});
		return series;
	} finally {
		await stopRunner(child);
	}
}

/**
 * A Chromium tab on /compute, logged in as the observer, until `total` jobs are completed; browser
 * and renderer RSS after each. Driven over a bare DevTools pipe, as a volunteer's tab runs: no
 * Network instrumentation copying each submitted stack (tests/browser/bare-chromium.ts).
 */
async function soakTab(db: Db, base: string, cookie: string, total: number): Promise<Series[]> {
	const chromium = await launchBareChromium();
	const browser: Series = { process: 'Chromium browser process', rss: [] };
	const renderer: Series = { process: 'Chromium renderer (the tab)', rss: [] };
	try {
		const [name, value] = cookie.split(/=(.*)/s, 2);
		if (name !== SESSION_COOKIE_NAME) throw new Error(`not a session cookie: ${cookie}`);
		await chromium.send('Storage.setCookies', { cookies: [{ name, value, url: base }] });
		const tab = await chromium.open(`${base}/compute`);
		chromium.on('Runtime.exceptionThrown', (p) => {
			const details = p.exceptionDetails as { text: string; exception?: { description?: string } };
			log(`soak: page error in the Compute tab: ${details.exception?.description ?? details.text}`);
		});
		await chromium.send('Runtime.enable', {}, tab);
		await startComputing(chromium, tab);
		const run = await eachCompleted(db, total, () => () => {
			const { browserPid, rendererPid } = chromiumProcesses(chromium.userDataDir);
			browser.rss.push(memoryMb(browserPid, 'VmRSS'));
			renderer.rss.push(memoryMb(rendererPid, 'VmRSS'));
			return `browser process ${fixed(browser.rss.at(-1)!, 0)} MB, renderer ${fixed(renderer.rss.at(-1)!, 0)} MB`;
		});
		return [{ ...browser, run }, { ...renderer, run }];
	} finally {
		await chromium.close();
	}
}

/** Once the page is up: RUNNER_THREADS workers, Start, and the page saying it computes. */
async function startComputing(chromium: BareChromium, tab: string): Promise<void> {
	const state = () => chromium.evaluate<string | null>(tab, `document.querySelector('[data-testid=compute-state]')?.textContent ?? null`);
	await until(async () => (await state()) !== null, 'the Compute page to load');
	await chromium.evaluate(
		tab,
		`(() => {
			const size = document.querySelector('[data-testid=pool-size]');
			size.value = '${RUNNER_THREADS}';
			size.dispatchEvent(new Event('change', { bubbles: true }));
			document.querySelector('[data-testid=start]').click();
		})()`
	);
	await until(async () => (await state())?.includes('Computing') ?? false, 'the tab to compute');
}

async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (!(await ready())) {
		if (Date.now() > deadline) throw new Error(`waited ${START_TIMEOUT_MS / 1000} s for ${what}`);
		await sleep(POLL_MS);
	}
}

/**
 * Polls the completed jobs until `total`; `check` runs on every poll (it throws to end the soak)
 * and returns the sampler, called once per job completed since the last poll; its words are logged.
 */
async function eachCompleted(db: Db, total: number, check: () => () => string): Promise<Run> {
	const started = Date.now();
	const loads: number[] = [];
	let seen = await completedJobs(db);
	let progressAt = started;
	for (;;) {
		const sample = check();
		const failed = await db.select({ error: stackingJobs.errorMessage }).from(stackingJobs).where(eq(stackingJobs.status, 'failed'));
		if (failed.length) throw new Error(`a job failed: ${failed[0].error}`);
		const done = await completedJobs(db);
		if (done > seen) {
			// Jobs finishing within one poll share a reading: one per job keeps the slope per job.
			for (; seen < done; seen++) {
				loads.push(loadavg()[0]);
				log(`soak: job ${seen + 1} of ${total} at ${fixed((Date.now() - started) / 1000, 0)} s (load ${fixed(loads.at(-1)!, 1)}): ${sample()}`);
			}
			progressAt = Date.now();
		}
		if (done >= total) return { minutes: (progressAt - started) / 60_000, load: loads.reduce((a, b) => a + b, 0) / loads.length };
		if (Date.now() - progressAt > STALL_MS) throw new Error(`no job completed for ${STALL_MS / 60_000} min (${done} of ${total})`);
		await sleep(POLL_MS);
	}
}

async function completedJobs(db: Db): Promise<number> {
	const [{ n }] = await db.select({ n: count() }).from(stackingJobs).where(eq(stackingJobs.status, 'completed'));
	return n;
}

/** The Chromium on `userDataDir`: its browser process, and the largest renderer (the tab with its page and workers). */
function chromiumProcesses(userDataDir: string): { browserPid: number; rendererPid: number } {
	let browserPid = 0;
	let rendererPid = 0;
	let rendererRss = -1;
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number)) {
		let cmd: string;
		try {
			cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		} catch {
			continue; // the process ended while we looked
		}
		if (!cmd.includes(`--user-data-dir=${userDataDir}`)) continue;
		if (!cmd.includes('--type=')) browserPid = pid;
		else if (cmd.includes('--type=renderer')) {
			const rss = memoryMb(pid, 'VmRSS');
			if (rss > rendererRss) [rendererPid, rendererRss] = [pid, rss];
		}
	}
	if (!browserPid || !rendererPid) throw new Error(`no Chromium browser process or renderer on ${userDataDir}`);
	return { browserPid, rendererPid };
}

/** One row per process: RSS every SAMPLE_EVERY jobs, the last, the peak and the slope after WARM_UP. */
function memoryTable(series: Series[]): string {
	const jobs = Math.max(...series.map((s) => s.rss.length));
	const marks = [1];
	for (let j = SAMPLE_EVERY; j < jobs; j += SAMPLE_EVERY) marks.push(j);
	marks.push(jobs);
	const head = ['process', ...marks.map((j) => `job ${j}`), 'peak', `MB/job after ${WARM_UP}`, 'minutes', 'mean load'];
	const rows = series.map((s) => [
		s.process,
		...marks.map((j) => (s.rss[j - 1] === undefined ? '–' : fixed(s.rss[j - 1], 0))),
		fixed(Math.max(...s.rss), 0),
		s.rss.length > WARM_UP + 1 ? fixed(slopePerStep(s.rss.slice(WARM_UP)), 2) : '–',
		s.run ? fixed(s.run.minutes, 1) : '–',
		s.run ? fixed(s.run.load, 1) : '–'
	]);
	return formatTable(head, rows);
}
