// Runs a program to completion and measures it from outside: wall time, CPU time and peak RSS.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
	code: number;
	wallS: number;
	/** User + system CPU of the process (its threads included), s; from GNU time. */
	cpuS: number;
	/** Peak resident set of the process (its threads included), bytes; from GNU time. */
	peakRss: number;
	stdout: string;
	stderr: string;
}

/** `command args` under /usr/bin/time, which reports the peak RSS and CPU that Node cannot see in a child. */
export async function measure(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
	const scratch = await mkdtemp(join(tmpdir(), 'crowdsky-time-'));
	const timeFile = join(scratch, 'time.txt');
	try {
		const started = performance.now();
		const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, command, ...args], { cwd: opts.cwd, env: opts.env ?? process.env });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const code = await new Promise<number>((ok, fail) => {
			child.once('error', fail);
			child.once('close', (c) => ok(c ?? 1));
		});
		const wallS = (performance.now() - started) / 1000;
		const [kb, user, system] = (await readFile(timeFile, 'utf8')).trim().split('\n').pop()!.split(' ').map(Number);
		return { code, wallS, cpuS: user + system, peakRss: kb * 1024, stdout, stderr };
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}

/** The last `lines` lines of a program's output, to explain a failure. */
export function tail(text: string, lines = 15): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}
