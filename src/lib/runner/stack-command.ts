import { availableParallelism } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { loadKernel } from '../stacking/kernel/node';
import { createLocalPool } from '../stacking/pool/local-pool';
import { createNodePool } from '../stacking/pool/node-pool';
import { rejectionLines, StackError } from '../stacking/report';
import { stackFrames } from '../stacking/stack-frames';
import type { StackReport } from '../stacking/types';
import { parseStackArgs } from './args';
import { checkoutCatalog } from './checkout-catalog';
import { fileSource } from './file-source';
import { expandInputs } from './inputs';
import { progressReporter } from './progress';

export interface Io {
	stdout: { write(text: string): unknown };
	stderr: { isTTY?: boolean; write(text: string): unknown };
}

/** `stack <files or dirs...> --out F [--report R] [--threads N]`: local stacking, no server. Returns the exit code. */
export async function stackCommand(argv: string[], io: Io): Promise<number> {
	const args = parseStackArgs(argv);
	const paths = await expandInputs(args.inputs);
	const sources = await Promise.all(paths.map(fileSource));
	const threads = args.threads ?? availableParallelism();
	const progress = progressReporter(io.stderr);
	const started = performance.now();
	const pool = threads === 1 ? createLocalPool(loadKernel()) : createNodePool(threads);
	try {
		const { fits, report } = await stackFrames(sources, pool, { threads, catalog: checkoutCatalog(), onProgress: progress.update });
		progress.finish();
		await writeFile(args.out, fits);
		if (args.report) await writeReport(args.report, report);
		io.stdout.write(`${summary(report, (performance.now() - started) / 1000, args.out)}\n`);
		return 0;
	} catch (err) {
		progress.finish();
		if (!(err instanceof StackError)) throw err;
		if (args.report) await writeReport(args.report, err.report);
		io.stderr.write(`${err.message}\n${rejectionLines(err.report).map((l) => `  ${l}\n`).join('')}`);
		return 1;
	} finally {
		await pool.close();
	}
}

async function writeReport(path: string, report: StackReport): Promise<void> {
	await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** One line: what was stacked, what was not and why, exposure, plate solution, wall time, output. */
export function summary(report: StackReport, seconds: number, out: string): string {
	const { aligned, input, rejected } = report.counts;
	const parts = [`stacked ${aligned}/${input} frames`, `${report.exposure} s total exposure`, solveLine(report), `${seconds.toFixed(1)} s`, `-> ${out}`];
	if (rejected > 0) parts.splice(1, 0, `rejected ${rejected} (${rejectionLines(report).join('; ')})`);
	return parts.join(', ');
}

function solveLine({ solve }: StackReport): string {
	if (!solve) return 'not solved';
	if (!solve.solved) return `not solved (${solve.reason})`;
	return `solved at RA ${solve.ra.toFixed(4)} Dec ${solve.dec.toFixed(4)}, ${solve.scale.toFixed(3)}"/px, ${solve.matches} stars, RMS ${solve.rmsArcsec.toFixed(2)}"`;
}
