// `node runner.js` as a child process, the way a volunteer starts it: for the tests, the bench and the drill.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `node runner.js ...args` from the project root, stdout and stderr piped; `env` adds to this process's. */
export function spawnRunner(args: string[], env?: NodeJS.ProcessEnv) {
	return spawn(process.execPath, ['runner.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: env && { ...process.env, ...env } });
}

/** A runner whose whole output is kept, for tests that read it once it exits. */
export function runner(args: string[]) {
	const child = spawnRunner(args);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return { child, exit, out: () => stdout, err: () => stderr };
}
