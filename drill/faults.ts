// The faults the drill injects, one after another with a gap between them, each timed. A fault's
// `end` is when the part is back (restarted); recovery is measured from there by the figures.
import { eq } from 'drizzle-orm';
import type { Db } from '../src/lib/server/db';
import { stackingJobs } from '../src/lib/server/db/schema';
import { sleep } from '../src/lib/util/sleep';
import type { AppProcess } from './app-process';
import type { PrivateMariadb } from './private-mariadb';
import type { RunnerCrowd } from './runners';
import { sweepsAtOnce } from './sweeps';

export interface FaultRecord {
	name: string;
	start: number;
	end: number;
	/** The job a killed runner held (its recovery is that job finishing). */
	jobInHand?: number;
	note?: string;
	/** Something the fault showed broken (a sweep that failed): a finding. */
	incident?: string;
}

export interface FaultParts {
	db: Db;
	mariadb: PrivateMariadb;
	webdav: { stop(): Promise<void>; restart(): Promise<void> };
	/** The app instances behind nginx, on one database and one store. */
	apps: AppProcess[];
	/** The instances' environment (database, stores), for the sweeps run beside them. */
	appEnv: NodeJS.ProcessEnv;
	runners: RunnerCrowd;
}

export interface FaultTiming {
	/** Before the first fault, ms. */
	firstAfterMs: number;
	/** Between one fault's end and the next one's start, ms. */
	gapMs: number;
	mariadbDownMs: number;
	webdavDownMs: number;
	/** How long to wait for a runner to hold a job before killing it. */
	jobInHandTimeoutMs: number;
}

export async function runFaults(parts: FaultParts, timing: FaultTiming, log: (line: string) => void): Promise<FaultRecord[]> {
	// The runner kill comes first: it needs a job in hand, and a fast machine may finish them all early.
	const faults: { name: string; inject: () => Promise<Partial<FaultRecord> | void> }[] = [
		{ name: 'runner kill -9 mid-job', inject: () => killRunnerMidJob(parts, timing.jobInHandTimeoutMs) },
		{
			name: 'MariaDB restart',
			inject: async () => {
				await parts.mariadb.stop();
				await sleep(timing.mariadbDownMs);
				await parts.mariadb.start();
			}
		},
		{
			name: 'WebDAV away',
			inject: async () => {
				await parts.webdav.stop();
				await sleep(timing.webdavDownMs);
				await parts.webdav.restart();
			}
		},
		{
			name: 'instance 1 restart (kill -9)',
			inject: async () => {
				await parts.apps[0].kill();
				await parts.apps[0].start();
			}
		},
		{ name: 'hourly sweeps on two instances at once', inject: () => concurrentSweeps(parts.appEnv) },
		{
			// Left down to the end: nginx sends everything to instance 1, whose lease sweep returns what instance 2's clients held.
			name: 'instance 2 kill -9 (not restarted)',
			inject: async () => {
				await parts.apps[1].kill();
				return { note: 'instance 2 stays down to the end; nginx sends everything to instance 1' };
			}
		}
	];
	const records: FaultRecord[] = [];
	await sleep(timing.firstAfterMs);
	for (const [i, fault] of faults.entries()) {
		if (i > 0) await sleep(timing.gapMs);
		log(`drill: fault ${i + 1}/${faults.length}: ${fault.name} ...`);
		const start = Date.now();
		const extra = (await fault.inject()) ?? {};
		const record = { name: fault.name, start: extra.start ?? start, end: Date.now(), ...extra };
		log(`drill:   back after ${((record.end - record.start) / 1000).toFixed(1)} s${record.note ? ` (${record.note})` : ''}`);
		records.push(record);
	}
	return records;
}

/** A job claimed this recently is being downloaded or stacked, not submitted (started_at is whole seconds). */
const FRESH_CLAIM_MS = 5000;

/**
 * Waits until a live runner holds a freshly claimed job (its worker id on a `processing` row), so
 * the kill lands before the result is sent; then kill -9 and a replacement. After half the
 * timeout any job in hand will do.
 */
async function killRunnerMidJob({ db, runners }: FaultParts, timeoutMs: number): Promise<Partial<FaultRecord>> {
	const started = Date.now();
	while (Date.now() < started + timeoutMs) {
		const fresh = Date.now() - started < timeoutMs / 2 ? Date.now() - FRESH_CLAIM_MS : 0;
		const held = (
			await db
				.select({ id: stackingJobs.id, workerId: stackingJobs.workerId, startedAt: stackingJobs.startedAt })
				.from(stackingJobs)
				.where(eq(stackingJobs.status, 'processing'))
				.catch(() => [])
		).filter((h) => (h.startedAt?.getTime() ?? 0) >= fresh - 1000);
		const victim = runners.alive().find((r) => held.some((h) => h.workerId === r.workerId()));
		if (victim) {
			const job = held.find((h) => h.workerId === victim.workerId())!.id;
			const start = Date.now();
			await runners.kill(victim);
			runners.start(victim.volunteer);
			return { start, jobInHand: job, note: `${victim.name} held job ${job}; replacement started` };
		}
		await sleep(50);
	}
	return { note: `no runner held a job within ${timeoutMs / 1000} s: none killed` };
}

async function concurrentSweeps(env: NodeJS.ProcessEnv): Promise<Partial<FaultRecord>> {
	const runs = await sweepsAtOnce(env);
	const failed = runs.filter((r) => r.code !== 0);
	const note = `both sweeps exited ${runs.map((r) => r.code).join(' and ')}`;
	return failed.length ? { note, incident: `concurrent sweeps: ${failed.map((r) => `exit ${r.code}: ${r.output.slice(-600)}`).join('\n')}` } : { note };
}
