// `npm run bench -- --only solve`: plate-solve time per stack for the real M 94 and NGC 7023 stacks
// and a synthetic stack of catalogue stars, with our solver (solveStars) in Node and in a Chromium
// tab, beside solve-field on the same star list. Median of RUNS; prints figures, asserts nothing.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskCatalogSource } from '../src/lib/catalog/disk-source';
import { separationDeg } from '../src/lib/chunks/pointing';
import { solveStars, type SolveInput, type SolveResult } from '../src/lib/solve';
import { loadKernel } from '../src/lib/stacking/kernel/node';
import { createLocalPool } from '../src/lib/stacking/pool/local-pool';
import { buildHarness } from '../tests/browser/build-harness';
import { launchChromium, solveInChromium } from '../tests/browser/chromium';
import { serveIsolated } from '../tests/browser/isolated-server';
import { solverJson } from '../tests/browser/solver-json';
import { catalogFieldStars, generateSet } from '../tests/synthetic';
import { DEFAULT_FIELD } from '../tests/synthetic/model';
import { ngc7023SolveInput, stackedSolveInput } from '../tests/unit/solve/solve-inputs';
import { M94 } from '../tests/unit/stacking/helpers';
import { runSolveField, SOLVE_FIELD } from './solve-field';
import { fixed, formatTable } from './table';

const CATALOG_DIR = new URL('../static/catalog/', import.meta.url).pathname;
/** Timed solves per stack and host, after one warm-up. */
const RUNS = 5;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

interface SolveRow {
	label: string;
	input: SolveInput;
	result: SolveResult;
	nodeMs: number;
	chromiumMs: number;
	/** Chromium's result equals Node's byte for byte (tests/browser/solver-json.ts). */
	sameAsNode: boolean;
	solveField?: { ms: number; solved: boolean; offArcsec: number | null };
}

async function inputs(scratch: string, log: (line: string) => void): Promise<[string, SolveInput][]> {
	const dir = join(scratch, 'synthetic');
	log('solve: generating 4 synthetic frames of catalogue stars ...');
	generateSet({ dir, count: 4, seed: 12, catalog: await catalogFieldStars(diskCatalogSource(CATALOG_DIR), DEFAULT_FIELD) });
	// The NGC 7023 frames are two nights a year apart: only the four of 2024 make one stack.
	const sets: [string, () => Promise<SolveInput>][] = [
		['M 94 (real, 6)', () => stackedSolveInput(M94)],
		['NGC 7023 (real 2024, 4)', ngc7023SolveInput],
		['synthetic catalogue (4)', () => stackedSolveInput(dir)]
	];
	const out: [string, SolveInput][] = [];
	for (const [label, stack] of sets) {
		log(`solve: stacking ${label} ...`);
		out.push([label, await stack()]);
	}
	return out;
}

async function nodeSolves(input: SolveInput): Promise<{ result: SolveResult; ms: number }> {
	const pool = createLocalPool(loadKernel());
	const source = diskCatalogSource(CATALOG_DIR);
	try {
		let result = await solveStars(pool, source, input);
		const times: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const started = performance.now();
			result = await solveStars(pool, source, input);
			times.push(performance.now() - started);
		}
		return { result, ms: median(times) };
	} finally {
		await pool.close();
	}
}

export async function runSolveBench(opts: { log: (line: string) => void }): Promise<string> {
	const scratch = await mkdtemp(join(tmpdir(), 'crowdsky-bench-solve-'));
	try {
		const sets = await inputs(scratch, opts.log);
		const harness = join(scratch, 'harness');
		opts.log('solve: building the browser harness ...');
		await buildHarness(harness);
		const server = await serveIsolated([
			{ prefix: '/', dir: harness },
			{ prefix: '/catalog/', dir: CATALOG_DIR }
		]);
		const chromium = await launchChromium();
		const rows: SolveRow[] = [];
		try {
			for (const [label, input] of sets) {
				opts.log(`solve: ${label} in Node and Chromium ...`);
				const node = await nodeSolves(input);
				const browser = await solveInChromium(chromium.page, server.url, input, '/catalog/', RUNS + 1);
				const row: SolveRow = {
					label,
					input,
					result: node.result,
					nodeMs: node.ms,
					chromiumMs: median(browser.solveMs.slice(1)),
					sameAsNode: solverJson(browser.json) === solverJson(JSON.stringify(node.result))
				};
				if (existsSync(SOLVE_FIELD)) {
					opts.log(`solve: ${label} with solve-field ...`);
					const work = await mkdtemp(join(scratch, 'solve-field-'));
					const runs = [];
					for (let i = 0; i < 3; i++) runs.push(await runSolveField(input, work));
					const sf = runs[runs.length - 1];
					const ours = node.result.solved ? node.result.centre : null;
					row.solveField = {
						ms: median(runs.map((r) => r.ms)),
						solved: sf.centre !== null,
						offArcsec: sf.centre && ours ? separationDeg(sf.centre.ra, sf.centre.dec, ours.ra, ours.dec) * 3600 : null
					};
				}
				rows.push(row);
			}
		} finally {
			await chromium.close();
			await server.close();
		}
		return render(rows);
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}

function render(rows: SolveRow[]): string {
	const table = formatTable(
		['Plate solve (per stack)', 'stars', 'solved', 'matched', 'RMS ″', 'Node ms', 'Chromium ms', 'same bytes', 'solve-field', 'solve-field ms', 'solve-field / Node', 'centres apart ″'],
		rows.map((r) => [
			r.label,
			`${r.input.stars.length}`,
			r.result.solved ? 'yes' : 'no',
			r.result.solved ? `${r.result.matches}` : '-',
			r.result.solved ? fixed(r.result.rmsArcsec, 2) : '-',
			fixed(r.nodeMs, 1),
			fixed(r.chromiumMs, 1),
			r.sameAsNode ? 'yes' : 'NO',
			r.solveField ? (r.solveField.solved ? 'solved' : 'unsolved') : 'absent',
			fixed(r.solveField?.ms, 0),
			r.solveField ? `${fixed(r.solveField.ms / r.nodeMs, 0)}x` : '-',
			fixed(r.solveField?.offArcsec, 2)
		])
	);
	return `${table}\nMedian of ${RUNS} solves after a warm-up (each reads its catalogue tiles again); Chromium: one kernel Web Worker, tiles over HTTP from 127.0.0.1.\nsolve-field: median of 3 runs of the whole process on the same star list (xylist), scale ±3 %, hint radius 1°.`;
}
