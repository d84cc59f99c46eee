// `npm run sweep` on two instances at the same moment (the hourly sweep every instance runs): the
// steps are meant to be idempotent, so both must end cleanly and the proof must still hold.
import { spawn } from 'node:child_process';
import { collectOutput } from '../tests/helpers/global-server';

const ROOT = new URL('../', import.meta.url).pathname;

export interface SweepRun {
	code: number | null;
	output: string;
}

export async function sweepsAtOnce(env: NodeJS.ProcessEnv, n = 2): Promise<SweepRun[]> {
	return Promise.all(
		Array.from({ length: n }, async () => {
			const child = spawn(process.execPath, ['scripts/sweep.js'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
			const output = collectOutput(child);
			const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
			return { code, output: output().trim() };
		})
	);
}
