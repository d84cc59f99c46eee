// Peak memory of one stack as an operator runs it (`node runner.js stack --threads 2`, GNU time's
// peak RSS of the whole process, workers included) on 90 and 360 synthetic full frames:
// the goal is flat in N (issue 13: ≤ 400 MB at 90 frames, ≤ 450 MB at 360). Prints; asserts nothing.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BAND_MEMORY_BYTES, planBands } from '../src/lib/stacking/bands';
import { runNode } from './node-run';
import { syntheticSet } from './synthetic';
import { fixed, formatTable, mb } from './table';

const THREADS = 2;
/** The set sizes issue 13 sets goals for. */
const FRAMES = [90, 360];

export async function runMemoryBench(opts: { cache: string; log: (line: string) => void }): Promise<string> {
	const scratch = await mkdtemp(join(tmpdir(), 'crowdsky-bench-memory-'));
	try {
		const rows: string[][] = [];
		for (const n of FRAMES) {
			const set = syntheticSet(opts.cache, n, opts.log);
			const files = (await readdir(set.dir)).filter((f) => f.endsWith('.fit')).sort().map((f) => join(set.dir, f));
			opts.log(`memory: ${n} frames, ${THREADS} threads ...`);
			const run = await runNode(files, THREADS, scratch);
			const { width, height } = run.report;
			const bands = planBands(height, width, run.report.counts.aligned, DEFAULT_BAND_MEMORY_BYTES / THREADS, THREADS);
			rows.push([
				String(n),
				String(run.report.counts.aligned),
				String(bands.length),
				String(Math.max(...bands.map((b) => b.rows))),
				fixed(run.wallS, 1),
				fixed((run.wallS * 1000) / n, 0),
				mb(run.peakRss)
			]);
		}
		const head = ['frames', 'stacked', 'bands', 'rows/band', 'wall s', 'ms/frame', 'peak RSS MB'];
		const note = `Peak memory, runner.js stack, ${THREADS} threads, synthetic 1080 x 1920 frames; band budget ${mb(DEFAULT_BAND_MEMORY_BYTES)} MB in total.`;
		return `${note}\n${formatTable(head, rows)}`;
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}
