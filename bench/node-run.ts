// One stack by the CLI (`node runner.js stack`), as an operator runs it, in its own process.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StackReport } from '../src/lib/stacking/types';
import { measure, tail, type Measured } from './measure';

const RUNNER = fileURLToPath(new URL('../runner.js', import.meta.url));

export interface NodeRun extends Measured {
	fits: Uint8Array;
	report: StackReport;
}

export async function runNode(files: string[], threads: number, scratch: string): Promise<NodeRun> {
	const dir = await mkdtemp(join(scratch, `node-${threads}-`));
	try {
		const out = join(dir, 'stack.fits');
		const reportFile = join(dir, 'report.json');
		const run = await measure(process.execPath, [RUNNER, 'stack', ...files, '--out', out, '--report', reportFile, '--threads', String(threads)]);
		if (run.code !== 0) throw new Error(`runner.js stack --threads ${threads} exited with ${run.code}:\n${tail(run.stdout + run.stderr)}`);
		const report = JSON.parse(await readFile(reportFile, 'utf8')) as StackReport;
		return { ...run, fits: new Uint8Array(await readFile(out)), report };
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
