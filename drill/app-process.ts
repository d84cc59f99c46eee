// One CrowdSky server instance as an operator runs it (`node scripts/start.js`), on one port for
// the whole drill so that nginx finds it again after it is killed and restarted.
import { spawn, type ChildProcess } from 'node:child_process';
import { collectOutput, freePort, stop, waitUntilAnswering } from '../tests/helpers/global-server';
import { peakRssMb } from './peak-memory';
import { cpuSeconds } from './process-cpu';

const ROOT = new URL('../', import.meta.url).pathname;

export interface AppProcess {
	port: number;
	baseUrl: string;
	/** kill -9 of the server's process group: no graceful shutdown, as when a machine dies. */
	kill(): Promise<void>;
	start(): Promise<void>;
	/** SIGTERM (graceful) at the end of the drill. */
	stop(): Promise<void>;
	/** VmHWM (MB) of every server process started so far, read before each one stopped. */
	peaks(): number[];
	/** CPU seconds of every server process started so far (spot checks run in its worker threads), read as for peaks. */
	cpu(): number[];
	output(): string;
}

export async function startAppProcess(env: NodeJS.ProcessEnv): Promise<AppProcess> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const peaks: number[] = [];
	const cpu: number[] = [];
	let child: ChildProcess | undefined;
	let output = () => '';

	const start = async () => {
		child = spawn(process.execPath, ['scripts/start.js'], {
			cwd: ROOT,
			env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true
		});
		output = collectOutput(child);
		await waitUntilAnswering(baseUrl, child, output);
	};
	const recordUse = () => {
		const peak = child?.pid !== undefined && child.exitCode === null ? peakRssMb(child.pid) : undefined;
		if (peak !== undefined) peaks.push(peak);
		const seconds = child?.pid !== undefined && child.exitCode === null ? cpuSeconds(child.pid) : undefined;
		if (seconds !== undefined) cpu.push(seconds);
	};
	await start();
	return {
		port,
		baseUrl,
		async kill() {
			const running = child;
			if (!running?.pid || running.exitCode !== null) return;
			recordUse();
			const exited = new Promise((resolve) => running.once('exit', resolve));
			process.kill(-running.pid, 'SIGKILL');
			await exited;
		},
		start,
		async stop() {
			// Killed and not restarted: nothing left to stop.
			if (!child || child.signalCode !== null) return;
			recordUse();
			await stop(child);
		},
		peaks: () => [...peaks],
		cpu: () => [...cpu],
		output: () => output()
	};
}
