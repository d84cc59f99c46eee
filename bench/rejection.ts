// Rejection under field rotation and at 90 frames (issue 13): what is left of the satellite trail
// and of the hot pixels in our stack beside Siril's, on two synthetic sets with known truth.
// Prints figures; asserts nothing.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKernel } from '../src/lib/stacking/kernel/node';
import { createLocalPool } from '../src/lib/stacking/pool/local-pool';
import { runNode } from './node-run';
import { compareQuality, type StackQuality } from './quality';
import { hotCell, HOT_NOTE } from './render';
import { runSiril } from './siril';
import { syntheticSet } from './synthetic';
import { fixed, formatTable } from './table';

const THREADS = 2;
/** The sets issue 13 measured: 20 frames turning 1.5° over the run, and 90 frames (1° by default). */
const SETS = [
	{ count: 20, rotationDeg: 1.5 },
	{ count: 90, rotationDeg: undefined }
];

export async function runRejectionBench(opts: { cache: string; log: (line: string) => void }): Promise<string> {
	const scratch = await mkdtemp(join(tmpdir(), 'crowdsky-bench-rejection-'));
	const pool = createLocalPool(loadKernel());
	try {
		const rows: string[][] = [];
		for (const { count, rotationDeg } of SETS) {
			const set = syntheticSet(opts.cache, count, opts.log, rotationDeg);
			const label = `synthetic ${count}, ${rotationDeg ?? 1}° rotation`;
			const files = (await readdir(set.dir)).filter((f) => f.endsWith('.fit')).sort().map((f) => join(set.dir, f));
			opts.log(`rejection: ${label}: ours ...`);
			const ours = await runNode(files, THREADS, scratch);
			opts.log(`rejection: ${label}: Siril ...`);
			const siril = await runSiril(files, scratch);
			const q = await compareQuality({ ours: ours.fits, siril: siril.result, set, report: ours.report, pool });
			await rm(siril.workDir, { recursive: true, force: true });
			const row = (name: string, s: StackQuality, rejected: string) => [label, name, s.trail.map((t) => fixed(t, 2)).join(' / '), hotCell(s), String(s.hot.sites), rejected];
			rows.push(row('ours', q.ours, String(ours.report.rejectedSamples)), row('Siril', q.siril, '-'));
		}
		const note = [
			'Rejection residuals, runner.js stack (2 threads) and Siril 1.0.6 (winsorized 3/3), synthetic 1080 x 1920 frames.',
			"  trail = median excess along the generator's true trail line over the sky beside it, R / G / B, in that stack's sigmas;",
			HOT_NOTE
		].join('\n');
		return `${note}\n${formatTable(['set', 'stack', 'trail R / G / B (sigma)', 'hot p99 / max (noise) (sigma)', 'hot sites', 'rejected samples'], rows, 2)}`;
	} finally {
		await pool.close();
		await rm(scratch, { recursive: true, force: true });
	}
}
