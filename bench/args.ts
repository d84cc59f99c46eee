import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchArgs {
	/** Sizes of the synthetic sets, frames. */
	frames: number[];
	/** Where synthetic sets are kept between runs. */
	cache: string;
	real: boolean;
	/** One section alone instead of the whole bench. */
	only?: BenchSection;
	/** Jobs per worker in the soak. */
	soakJobs: number;
	/** The soak's workers: the runner, the Compute tab, or both one after the other. */
	soakWorkers: SoakWorker[];
}

export const SOAK_WORKERS = ['runner', 'tab'] as const;
export type SoakWorker = (typeof SOAK_WORKERS)[number];

export const SECTIONS = ['stack', 'queue', 'jobs', 'stacks', 'trust', 'previews', 'solve', 'memory', 'soak', 'fwhm', 'rejection', 'picture'] as const;
export type BenchSection = (typeof SECTIONS)[number];

export const USAGE = `npm run bench [-- --frames 30,90] [--cache DIR] [--no-real] [--only stack|queue|jobs|stacks|trust|previews|solve|memory|soak|fwhm|rejection|picture] [--soak-jobs N] [--soak-worker runner|tab]
  --frames N[,N...]  synthetic set sizes (env BENCH_FRAMES; default 30,90), each ≥ 4
  --cache DIR        where generated frames are kept between runs (env BENCH_CACHE; default $TMPDIR/crowdsky-bench)
  --no-real          skip the real frames (M 94: 6, NGC 7023 2024: 4)
  --only SECTION     run one section alone: stack (the speed and stage tables alone: ours vs Siril on --frames and the real set),
                     queue (claims per second), jobs (end-to-end jobs per minute with the runner)
                     stacks (the Stacks page with 10,000 stacks), trust (the spot check's CPU per untrusted result)
                     previews (40 concurrent previews: server memory, GET / latency)
                     solve (plate-solve time per stack in Node and Chromium beside solve-field's)
                     memory (peak RSS of one 2-thread stack of 90 and of 360 synthetic frames)
                     soak (memory per job over many jobs through one runner and one Compute tab, and its slope)
                     fwhm (star FWHM per channel, ours beside Siril: M 94, NGC 7023 2024, synthetic 8)
                     rejection (trail and hot-pixel residuals beside Siril: 20 frames with 1.5° rotation, 90 frames)
                     or picture (the picture step's CPU per stack and as a share of the stack's: the real sets and --frames)
  --soak-jobs N      jobs for the runner and again for the tab in the soak (env BENCH_SOAK_JOBS; default 200), ≥ 20
  --soak-worker W    the soak's runner alone or its tab alone (default both, one after the other): two soaks
                     side by side on a busy machine`;

export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv): BenchArgs {
	let frames = env.BENCH_FRAMES ?? '30,90';
	let cache = env.BENCH_CACHE ?? join(tmpdir(), 'crowdsky-bench');
	let real = true;
	let only: BenchSection | undefined;
	let soak = env.BENCH_SOAK_JOBS ?? '200';
	let soakWorkers: SoakWorker[] = [...SOAK_WORKERS];
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
		if (flag === '--frames') frames = value();
		else if (flag === '--cache') cache = value();
		else if (flag === '--no-real') real = false;
		else if (flag === '--only') only = section(value());
		else if (flag === '--soak-jobs') soak = value();
		else if (flag === '--soak-worker') soakWorkers = [soakWorker(value())];
		else fail(`unknown argument ${JSON.stringify(argv[i])}`);
	}
	const sizes = frames.split(',').map((s) => Number(s.trim()));
	if (sizes.length === 0 || !sizes.every((n) => Number.isInteger(n) && n >= 4 && n <= 1000)) {
		fail(`--frames / BENCH_FRAMES = ${JSON.stringify(frames)}: give comma-separated frame counts from 4 to 1000`);
	}
	const soakJobs = Number(soak);
	// The slope leaves out the first 10 jobs and needs at least 10 after them.
	if (!Number.isInteger(soakJobs) || soakJobs < 20 || soakJobs > 10_000) fail(`--soak-jobs / BENCH_SOAK_JOBS = ${JSON.stringify(soak)}: give a job count from 20 to 10000`);
	return { frames: sizes, cache, real, only, soakJobs, soakWorkers };
}

function section(value: string): BenchSection {
	const found = SECTIONS.find((s) => s === value);
	return found ?? fail(`--only ${JSON.stringify(value)} is not a section; choose ${SECTIONS.join(' or ')}`);
}

function soakWorker(value: string): SoakWorker {
	const found = SOAK_WORKERS.find((w) => w === value);
	return found ?? fail(`--soak-worker ${JSON.stringify(value)}: choose ${SOAK_WORKERS.join(' or ')}`);
}

function fail(message: string): never {
	throw new Error(`${message}\n${USAGE}`);
}
