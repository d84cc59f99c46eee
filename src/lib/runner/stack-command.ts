import { availableParallelism } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { loadKernel } from '../stacking/kernel/node';
import { createLocalPool } from '../stacking/pool/local-pool';
import { createNodePool } from '../stacking/pool/node-pool';
import { rejectionLines, StackError } from '../stacking/report';
import { stackFrames } from '../stacking/stack-frames';
import type { StackReport } from '../stacking/types';
import { parseStackArgs } from './args';
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
		const { fits, report } = await stackFrames(sources, pool, { threads, onProgress: progress.update });
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

/** One line: what was stacked, what was not and why, exposure, wall time, output. */
export function summary(report: StackReport, seconds: number, out: string): string {
	const { aligned, input, rejected } = report.counts;
	const parts = [`stacked ${aligned}/${input} frames`, `${report.exposure} s total exposure`, `${seconds.toFixed(1)} s`, `-> ${out}`];
	if (rejected > 0) parts.splice(1, 0, `rejected ${rejected} (${rejectionLines(report).join('; ')})`);
	return parts.join(', ');
}
