// The crowd of `node runner.js` daemons: started with volunteers' tokens (trusted, or untrusted on
// networks of their own), watched (their job lines and
// unexpected exits), one killed with SIGKILL mid-job and replaced, all stopped with SIGTERM at the end.
import type { ChildProcess } from 'node:child_process';
import { spawnRunner } from '../tests/harness/runner-process';
import { collectOutput } from '../tests/helpers/global-server';
import { peakRssMb } from './peak-memory';

/** Whose token a runner works with, and the environment that puts it on its network. */
export interface Volunteer {
	token: string;
	env?: NodeJS.ProcessEnv;
}

export interface Runner {
	name: string;
	volunteer: Volunteer;
	child: ChildProcess;
	/** `runner-<host>-<hex>`, as the runner announces itself in its first line (and as the jobs table records it). */
	workerId(): string | undefined;
	output(): string;
	/** Set by the drill before it kills this runner on purpose. */
	killed: boolean;
	peakMb?: number;
}

export interface RunnerCrowd {
	all(): Runner[];
	/** The runners started and not (yet) stopped or killed. */
	alive(): Runner[];
	/** A runner for `volunteer`, by default the next in turn. */
	start(volunteer?: Volunteer): Runner;
	/** kill -9: no lease given back; the job must come back when its lease runs out. */
	kill(runner: Runner): Promise<void>;
	/** Runners that exited while the drill did not stop or kill them: their name, exit and last output. */
	unexpectedExits(): string[];
	stopAll(): Promise<void>;
}

export function runnerCrowd(baseUrl: string, volunteers: Volunteer[], threads: number): RunnerCrowd {
	const runners: Runner[] = [];
	const exits: string[] = [];
	let stopping = false;
	let next = 0;

	const start = (volunteer = volunteers[next % volunteers.length]): Runner => {
		const name = `runner${++next}`;
		const child = spawnRunner(['--server', baseUrl, '--token', volunteer.token, '--concurrency', String(threads)], volunteer.env);
		const output = collectOutput(child);
		let workerId: string | undefined;
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			if (workerId) return;
			out += chunk.toString();
			workerId = /^(runner-\S+): working for/m.exec(out)?.[1];
		});
		const runner: Runner = { name, volunteer, child, workerId: () => workerId, output, killed: false };
		const sampler = setInterval(() => {
			if (child.pid !== undefined) runner.peakMb = Math.max(runner.peakMb ?? 0, peakRssMb(child.pid) ?? 0);
		}, 1000);
		child.once('exit', (code, signal) => {
			clearInterval(sampler);
			if (!stopping && !runner.killed) exits.push(`${name} exited by itself (${code ?? signal}):\n${output()}`);
		});
		runners.push(runner);
		return runner;
	};

	return {
		all: () => [...runners],
		alive: () => runners.filter((r) => r.child.exitCode === null && r.child.signalCode === null),
		start,
		async kill(runner) {
			runner.killed = true;
			const exited = new Promise((resolve) => runner.child.once('exit', resolve));
			runner.child.kill('SIGKILL');
			await exited;
		},
		unexpectedExits: () => [...exits],
		async stopAll() {
			stopping = true;
			await Promise.all(
				runners
					.filter((r) => r.child.exitCode === null && r.child.signalCode === null)
					.map(
						(r) =>
							new Promise<void>((resolve) => {
								const force = setTimeout(() => r.child.kill('SIGKILL'), 15_000);
								r.child.once('exit', () => {
									clearTimeout(force);
									resolve();
								});
								r.child.kill('SIGTERM');
							})
					)
			);
		}
	};
}
