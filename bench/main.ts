// `npm run bench`: our stacker (Node with 1 thread and with every core, Chromium Web Workers)
// against Siril 1.0.6 on the same frames, then stack quality side by side where truth exists.
// Prints figures and ratios; asserts nothing about time.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKernel } from '../src/lib/stacking/kernel/node';
import { createLocalPool } from '../src/lib/stacking/pool/local-pool';
import { buildHarness } from '../tests/browser/build-harness';
import { parseBenchArgs } from './args';
import { runJobsBench } from './jobs-e2e';
import { runQueueBench } from './queue';
import { runStacksBench } from './stacks';
import { runTrustBench } from './trust';
import { runPreviewsBench } from './previews';
import { runSolveBench } from './solve';
import { runMemoryBench } from './memory';
import { runSoakBench } from './soak';
import { measureStacks, runFwhmBench, truthFwhm } from './fwhm';
import { runRejectionBench } from './rejection';
import { runPictureBench } from './picture';
import { runInChromium } from './chromium-run';
import { runNode } from './node-run';
import { compareQuality } from './quality';
import { errorMessage } from '../src/lib/util/error-message';
import { renderResults, type BenchSet, type SetResult } from './render';
import { runSiril, SIRIL, sirilAvailable } from './siril';
import { syntheticSet } from './synthetic';

const M94 = new URL('../../shared/data/seestar/M94_set2_20250327/', import.meta.url).pathname;
const NGC7023 = new URL('../../shared/data/seestar/NGC7023/', import.meta.url).pathname;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function fitsIn(dir: string): Promise<string[]> {
	return (await readdir(dir)).filter((f) => f.endsWith('.fit')).sort().map((f) => join(dir, f));
}

export async function main(argv: string[]): Promise<number> {
	const args = parseBenchArgs(argv, process.env);
	// `npm run bench -- --only SECTION`: one section alone (stack, fwhm and rejection run Siril).
	if (args.only === 'queue') {
		process.stdout.write(`${await runQueueBench()}\n`);
		return 0;
	}
	if (args.only === 'jobs') {
		process.stdout.write(`${await runJobsBench({ cache: args.cache })}\n`);
		return 0;
	}
	if (args.only === 'stacks') {
		process.stdout.write(`${await runStacksBench()}\n`);
		return 0;
	}
	if (args.only === 'trust') {
		process.stdout.write(`${await runTrustBench({ cache: args.cache, log })}\n`);
		return 0;
	}
	if (args.only === 'previews') {
		process.stdout.write(`${await runPreviewsBench()}\n`);
		return 0;
	}
	if (args.only === 'solve') {
		process.stdout.write(`${await runSolveBench({ log })}\n`);
		return 0;
	}
	if (args.only === 'memory') {
		process.stdout.write(`${await runMemoryBench({ cache: args.cache, log })}\n`);
		return 0;
	}
	if (args.only === 'fwhm') {
		process.stdout.write(`${await runFwhmBench({ cache: args.cache, log })}\n`);
		return 0;
	}
	if (args.only === 'rejection') {
		process.stdout.write(`${await runRejectionBench({ cache: args.cache, log })}\n`);
		return 0;
	}
	if (args.only === 'picture') {
		process.stdout.write(`${await runPictureBench({ cache: args.cache, frames: args.frames, log })}\n`);
		return 0;
	}
	if (args.only === 'soak') {
		process.stdout.write(`${await runSoakBench({ cache: args.cache, jobs: args.soakJobs, workers: args.soakWorkers })}\n`);
		return 0;
	}
	const cores = availableParallelism();
	await mkdir(args.cache, { recursive: true });
	const scratch = await mkdtemp(join(tmpdir(), 'crowdsky-bench-run-'));
	const pool = createLocalPool(loadKernel());
	try {
		const sets: BenchSet[] = [];
		for (const n of args.frames) {
			const truth = syntheticSet(args.cache, n, log);
			sets.push({ label: `synthetic ${n}`, files: await fitsIn(truth.dir), truth });
		}
		if (args.real) {
			sets.push({ label: 'M 94 (real)', files: await fitsIn(M94) });
			// the 2024 night only: the two 2025 frames are another telescope a year later
			sets.push({ label: 'NGC 7023 2024 (real)', files: (await fitsIn(NGC7023)).filter((f) => f.includes('_2024')) });
		}

		const harness = join(scratch, 'harness');
		log('building the browser harness ...');
		await buildHarness(harness);
		const siril = sirilAvailable();
		if (!siril) log(`${SIRIL} not found: Siril is skipped (apt-get install -y siril to compare)`);

		const loadBefore = loadavg()[0];
		const results: SetResult[] = [];
		for (const set of sets) {
			log(`${set.label}: ours in Node, 1 thread ...`);
			const node1 = await runNode(set.files, 1, scratch);
			log(`${set.label}: ours in Node, ${cores} threads ...`);
			const nodeN = await runNode(set.files, cores, scratch);
			log(`${set.label}: ours in Chromium, ${cores} Web Workers ...`);
			const chromium = await runInChromium(harness, set.files, cores);
			const result: SetResult = { set, node1, nodeN, chromium };
			if (siril) {
				log(`${set.label}: Siril 1.0.6 ...`);
				try {
					result.siril = await runSiril(set.files, scratch);
				} catch (err) {
					result.sirilError = errorMessage(err);
					log(result.sirilError);
				}
			}
			if (result.siril && set.truth) {
				log(`${set.label}: quality ...`);
				result.quality = await compareQuality({ ours: nodeN.fits, siril: result.siril.result, set: set.truth, report: nodeN.report, pool });
			}
			log(`${set.label}: star FWHM ...`);
			const [ours, sirilFwhm] = await measureStacks(result.siril ? [nodeN.fits, result.siril.result] : [nodeN.fits]);
			result.fwhm = { label: set.label, ours, siril: sirilFwhm, truth: set.truth && truthFwhm(set.truth) };
			if (result.siril) await rm(result.siril.workDir, { recursive: true, force: true });
			results.push(result);
		}
		process.stdout.write(`${renderResults(results, { cores, load: [loadBefore, loadavg()[0]], sirilSkipped: !siril })}\n`);
		if (args.only === 'stack') return 0;
		process.stdout.write(`\n${await runQueueBench()}\n`);
		process.stdout.write(`\n${await runJobsBench({ cache: args.cache })}\n`);
		process.stdout.write(`\n${await runStacksBench()}\n`);
		process.stdout.write(`\n${await runTrustBench({ cache: args.cache, log })}\n`);
		process.stdout.write(`\n${await runPreviewsBench()}\n`);
		process.stdout.write(`\n${await runSolveBench({ log })}\n`);
		process.stdout.write(`\n${await runMemoryBench({ cache: args.cache, log })}\n`);
		process.stdout.write(`\n${await runSoakBench({ cache: args.cache, jobs: args.soakJobs, workers: args.soakWorkers })}\n`);
		process.stdout.write(`\n${await runRejectionBench({ cache: args.cache, log })}\n`);
		process.stdout.write(`\n${await runPictureBench({ cache: args.cache, frames: args.frames, log })}\n`);
		return 0;
	} finally {
		await pool.close();
		await rm(scratch, { recursive: true, force: true });
	}
}
