/**
 * The drill in small (see drill/run-drill.ts and `npm run drill` for the full night): two observers
 * upload two chunks of four small synthetic frames each (plus a PNG renamed .fit and a frame without
 * DATE-OBS) while one `node runner.js` stacks, on a private MariaDB and an rclone WebDAV store.
 * Meanwhile MariaDB restarts, WebDAV goes away, the server is killed and restarted and the runner
 * is killed mid-job. The end-of-run proof must hold.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDrill, type DrillResult } from '../../../drill/run-drill';
import { generateSet } from '../../synthetic';

const OBSERVERS = 2;
const JOBS = 2;
const FRAMES = 4;

let dir: string;
let result: DrillResult;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'crowdsky-drill-test-'));
	const set = generateSet({ dir, count: FRAMES, width: 540, height: 960, seed: 7 });
	result = await runDrill({
		frames: { dir, files: set.frames.map((f) => f.file) },
		observers: OBSERVERS,
		jobsPerObserver: JOBS,
		runners: 1,
		runnerThreads: 1,
		tabWorkers: 0,
		uploadPaceMs: 700,
		faults: { firstAfterMs: 1000, gapMs: 2000, mariadbDownMs: 2000, webdavDownMs: 5000, jobInHandTimeoutMs: 90_000 },
		leaseSeconds: 10,
		timeoutMs: 150_000,
		log: (line) => process.stderr.write(`${line}\n`)
	});
	process.stderr.write(`${result.figures}\n`);
}, 240_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the drill in small: a night under faults', () => {
	it('injected every fault, the runner kill while it held a job', () => {
		expect(result.faults.map((f) => f.name)).toEqual(['runner kill -9 mid-job', 'MariaDB restart', 'WebDAV away', 'server restart (kill -9)']);
		expect(result.faults[0].jobInHand).toBeGreaterThan(0);
	});

	it('ends every job completed or failed with an error, and stores one stack per completed job', () => {
		expect(result.proof.jobs.completed + result.proof.jobs.failed).toBe(OBSERVERS * JOBS);
		expect(result.proof.violations).toEqual([]);
	});

	it('accounts for every frame: stacked, rejected by the stacker, or refused at upload with its reason', () => {
		const { frames } = result.proof;
		expect(frames.uploaded).toBe(OBSERVERS * JOBS * FRAMES);
		expect(frames.aligned + frames.rejectedByStacker + frames.inFailedJobs).toBe(frames.uploaded);
		expect(frames.refusedAtUpload).toBe(OBSERVERS * 2);
	});

	it('no runner died by itself', () => {
		expect(result.incidents).toEqual([]);
	});
});
