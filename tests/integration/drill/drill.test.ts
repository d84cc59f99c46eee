/**
 * The drill in small (see drill/run-drill.ts and `npm run drill` for the full night): two observers
 * upload two chunks of four small synthetic frames each (plus a PNG renamed .fit and a frame without
 * DATE-OBS) through nginx in front of two app instances, while one trusted and two untrusted
 * `node runner.js` stack, two Sybil pairs post forged stacks and a griefer fails what it claims, on
 * a private MariaDB and an rclone WebDAV store. Meanwhile MariaDB restarts, WebDAV goes away, one
 * instance is killed and restarted, both sweep at once, the other is killed for good and a runner
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
		untrustedRunners: 2,
		runnerThreads: 1,
		sybilRounds: 1,
		tabWorkers: 0,
		uploadPaceMs: 700,
		faults: { firstAfterMs: 1000, gapMs: 2000, mariadbDownMs: 2000, webdavDownMs: 5000, jobInHandTimeoutMs: 90_000 },
		leaseSeconds: 10,
		timeoutMs: 150_000,
		log: (line) => process.stderr.write(`${line}\n`)
	});
	process.stderr.write(`${result.figures}\n${result.proof.violations.map((v) => `VIOLATION: ${v}`).join('\n')}\n`);
}, 240_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

const violationsAbout = (pattern: RegExp) => result.proof.violations.filter((v) => pattern.test(v));

describe('the drill in small: a night under faults and attacks', () => {
	it('injected every fault, the runner kill while it held a job', () => {
		expect(result.faults.map((f) => f.name)).toEqual([
			'runner kill -9 mid-job',
			'MariaDB restart',
			'WebDAV away',
			'instance 1 restart (kill -9)',
			'hourly sweeps on two instances at once',
			'instance 2 kill -9 (not restarted)'
		]);
		expect(result.faults[0].jobInHand).toBeGreaterThan(0);
	});

	it('served through nginx from both instances, the sweeps on both at once ending cleanly', () => {
		expect(result.served).toHaveLength(2);
		for (const instance of result.served) expect(instance.requests).toBeGreaterThan(0);
		expect(result.faults.find((f) => f.name.startsWith('hourly sweeps'))?.incident).toBeUndefined();
	});

	it('refuses the Sybil pairs\' forged stacks and no honest result, and accepts and stores no forgery', () => {
		const forged = result.proof.attack!.forged;
		expect(forged.posted).toBeGreaterThanOrEqual(2);
		expect(forged.refused).toBeGreaterThan(0);
		expect(forged.accepted).toBe(0);
		expect(violationsAbout(/forged|Sybil|painted|independent|honest result/)).toEqual([]);
	});

	it("fails no job on the griefer's word alone", () => {
		expect(result.proof.attack!.grief.fails).toBeGreaterThan(0);
		expect(violationsAbout(/griefer/)).toEqual([]);
	});

	it('deletes no raw without a verified stack', () => {
		expect(violationsAbout(/raw/)).toEqual([]);
	});

	it('ends every job completed or failed with an error, and the whole proof holds', () => {
		expect(result.proof.jobs.completed + result.proof.jobs.failed).toBe(OBSERVERS * JOBS);
		expect(result.proof.violations).toEqual([]);
	});

	it('accounts for every frame: stacked, rejected by the stacker, or refused at upload with its reason', () => {
		const { frames } = result.proof;
		expect(frames.uploaded).toBe(OBSERVERS * JOBS * FRAMES);
		expect(frames.aligned + frames.rejectedByStacker + frames.inFailedJobs).toBe(frames.uploaded);
		expect(frames.refusedAtUpload).toBe(OBSERVERS * 2);
	});

	it('no runner died by itself, no sweep failed', () => {
		expect(result.incidents).toEqual([]);
	});
});
