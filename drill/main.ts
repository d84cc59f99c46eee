// `npm run drill`: the whole night under load and faults on this machine (see run-drill.ts), then
// the end-of-run proof and the figures. Exit 0 only when the proof holds and nothing crashed.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { syntheticSet } from '../bench/synthetic';
import { runDrill } from './run-drill';

const USAGE = `npm run drill [-- --observers N] [--jobs N] [--frames N] [--runners N] [--cache DIR]
  --observers N   observers uploading at once (default 3)
  --jobs N        chunks (jobs) per observer's night (default 4)
  --frames N      full-size synthetic frames per chunk (default 10)
  --runners N     node runner.js processes with trusted tokens, 1 thread each (default 3); plus one Compute tab
  --untrusted N   honest untrusted volunteers, each a runner on a /24 of its own (default 2)
  --forgeries N   forged stacks each Sybil pair makes (default 2); a griefer fails jobs meanwhile
  --cache DIR     where generated frames are kept (env BENCH_CACHE; default $TMPDIR/crowdsky-bench)`;

const log = (line: string) => process.stderr.write(`${line}\n`);

export async function main(argv: string[]): Promise<number> {
	const options = { observers: 3, jobs: 4, frames: 10, runners: 3, untrusted: 2, forgeries: 2 };
	let cache = process.env.BENCH_CACHE ?? join(tmpdir(), 'crowdsky-bench');
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (flag === '--cache' && value) cache = value;
		else if (flag.startsWith('--') && flag.slice(2) in options && /^[1-9]\d*$/.test(value ?? '')) options[flag.slice(2) as keyof typeof options] = Number(value);
		else {
			process.stderr.write(`unknown or bad argument ${JSON.stringify(flag)} ${JSON.stringify(value ?? '')}\n${USAGE}\n`);
			return 2;
		}
	}
	const set = syntheticSet(cache, options.frames, log);
	const result = await runDrill({
		frames: { dir: set.dir, files: set.frames.map((f) => f.file) },
		observers: options.observers,
		jobsPerObserver: options.jobs,
		runners: options.runners,
		untrustedRunners: options.untrusted,
		runnerThreads: 1,
		sybilRounds: options.forgeries,
		tabWorkers: 1,
		uploadPaceMs: 0,
		faults: { firstAfterMs: 5000, gapMs: 8000, mariadbDownMs: 3000, webdavDownMs: 12_000, jobInHandTimeoutMs: 3 * 60_000 },
		leaseSeconds: 30,
		timeoutMs: 10 * 60_000,
		log
	});
	const { proof } = result;
	const out = [
		`CrowdSky drill: ${options.observers} observers × ${options.jobs} chunks × ${options.frames} synthetic ${set.width} × ${set.height} frames (+2 bad frames each), ` +
			`${options.runners} trusted + ${options.untrusted} untrusted (each its own /24) × node runner.js --concurrency 1 and one Chromium Compute tab (1 worker); ` +
			`two Sybil pairs (one /24; two /24s) making ${options.forgeries} forgeries each and a griefer; ` +
			`two app instances behind nginx on a private MariaDB and rclone WebDAV for raws and stacks, LEASE_SECONDS=30`,
		'',
		result.figures,
		'',
		`End-of-run proof: jobs ${proof.jobs.completed} completed, ${proof.jobs.failed} failed; frames stored ${proof.frames.uploaded}: ` +
			`${proof.frames.aligned} aligned in a stack, ${proof.frames.rejectedByStacker} rejected by the stacker with a reason, ${proof.frames.inFailedJobs} in failed jobs; ` +
			`${proof.frames.refusedAtUpload} refused at upload with a reason`,
		...proof.notes.map((n) => `note: ${n}`),
		...result.incidents.map((i) => `INCIDENT: ${i}`),
		...proof.violations.map((v) => `VIOLATION: ${v}`),
		proof.violations.length === 0 && result.incidents.length === 0 ? 'PROOF HOLDS' : `PROOF FAILS: ${proof.violations.length} violations, ${result.incidents.length} incidents`
	];
	process.stdout.write(`${out.join('\n')}\n`);
	return proof.violations.length === 0 && result.incidents.length === 0 ? 0 : 1;
}
