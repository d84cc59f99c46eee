// A throwaway MariaDB server of the drill's own (datadir in a temp folder, a free port), so that
// restarting it never touches the shared instance on 3306 that other tests use.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '../src/lib/util/sleep';
import { freePort } from '../tests/helpers/global-server';

export interface PrivateMariadb {
	/** mysql://root@127.0.0.1:<port>/<database> */
	url: string;
	port: number;
	/** The mariadbd process now running (a new one after each start). */
	pid(): number | undefined;
	/** SIGTERM and wait for a clean shutdown. */
	stop(): Promise<void>;
	/** Starts it again on the same port and datadir (after `stop`). */
	start(): Promise<void>;
	/** Stops it and removes the datadir. */
	destroy(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;

export async function startPrivateMariadb(database: string): Promise<PrivateMariadb> {
	const dir = await mkdtemp(join(tmpdir(), 'crowdsky-drill-mariadb-'));
	const datadir = join(dir, 'data');
	// root without a password over TCP: the instance is private, on loopback, and gone after the run.
	const install = spawnSync('mariadb-install-db', ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--user=root'], { encoding: 'utf8' });
	if (install.status !== 0) throw new Error(`mariadb-install-db failed (exit ${install.status ?? install.signal}): ${install.stderr || install.stdout}`);
	const port = await freePort();
	let child: ChildProcess | undefined;

	const start = async () => {
		if (child) throw new Error('the private MariaDB is running: stop it first');
		const args = ['--no-defaults', `--datadir=${datadir}`, `--port=${port}`, `--socket=${join(dir, 'sock')}`, '--bind-address=127.0.0.1',
			'--user=root', '--skip-log-bin', '--innodb-buffer-pool-size=64M', `--log-error=${join(dir, 'error.log')}`, `--pid-file=${join(dir, 'mariadbd.pid')}`];
		child = spawn('mariadbd', args, { stdio: 'ignore' });
		const started = child;
		started.once('exit', () => {
			if (child === started) child = undefined;
		});
		await waitForPort(port, () => started.exitCode !== null);
	};
	const stop = async () => {
		const running = child;
		if (!running || running.exitCode !== null) return;
		const exited = new Promise((resolve) => running.once('exit', resolve));
		running.kill('SIGTERM');
		await exited;
		child = undefined;
	};
	await start();
	return {
		url: `mysql://root@127.0.0.1:${port}/${database}`,
		port,
		pid: () => child?.pid,
		stop,
		start,
		async destroy() {
			await stop();
			await rm(dir, { recursive: true, force: true });
		}
	};
}

async function waitForPort(port: number, exited: () => boolean): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (exited()) throw new Error(`mariadbd exited before listening on ${port}; see its error.log`);
		const open = await new Promise<boolean>((resolve) => {
			const socket = createConnection({ host: '127.0.0.1', port }, () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		await sleep(100);
	}
	throw new Error(`mariadbd did not listen on 127.0.0.1:${port} within ${READY_TIMEOUT_MS / 1000} s`);
}
