/**
 * Vitest globalSetup for the e2e projects (listed after global-db.ts): builds the app once, starts
 * it the way an operator does (`node scripts/start.js`) on a free port against the run's
 * throwaway database, and stops it at teardown. Tests reach it as `inject('baseUrl')`
 * (and `process.env.BASE_URL`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { sleep } from '../../src/lib/util/sleep';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** The server process (`scripts/start.js` serves in-process), for memory figures from /proc. */
		serverPid: number;
	}
}

const ROOT = new URL('../../', import.meta.url).pathname;
const START_TIMEOUT_MS = 120_000;
/** Keep the end of the server's output to explain a failed start. */
const LOG_TAIL_CHARS = 8000;

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
			);
		});
	});
}

export function collectOutput(child: ChildProcess): () => string {
	let tail = '';
	const keep = (chunk: Buffer) => {
		tail = (tail + chunk.toString()).slice(-LOG_TAIL_CHARS);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	return () => tail;
}

function buildApp(): Promise<void> {
	const child = spawn('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	const output = collectOutput(child);
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`npm run build exited with ${code}:\n${output()}`))
		);
	});
}

export async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string) {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`scripts/start.js exited with ${child.exitCode} before answering:\n${output()}`);
		}
		try {
			const response = await fetch(url, { redirect: 'manual' });
			if (response.status < 500) return;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	throw new Error(`scripts/start.js did not answer at ${url} within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

export function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
	const pid = child.pid;
	return new Promise((resolve) => {
		const force = setTimeout(() => process.kill(-pid, 'SIGKILL'), 10_000);
		child.once('exit', () => {
			clearTimeout(force);
			resolve();
		});
		// The server runs in its own process group: this reaches it and anything it started.
		process.kill(-pid, 'SIGTERM');
	});
}

/** The server this process started: a second project listing this file (e2e-parallel after e2e) shares it. */
const STARTED = Symbol.for('crowdsky.test.server');
type Started = { baseUrl: string; pid: number };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const started = (globalThis as { [STARTED]?: Started })[STARTED];
	if (started) {
		project.provide('baseUrl', started.baseUrl);
		project.provide('serverPid', started.pid);
		return async () => {};
	}
	const databaseUrl = process.env.DATABASE_URL;
	if (!databaseUrl) throw new Error('DATABASE_URL is unset: list tests/helpers/global-db.ts before global-server.ts');

	await buildApp();
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/start.js'], {
		cwd: ROOT,
		// Every browser test registers from 127.0.0.1; the registration limit has its own integration tests.
		// As behind a proxy: a test that plays volunteers on separate networks sends X-Forwarded-For;
		// requests without it keep the peer's address.
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			REGISTRATIONS_PER_HOUR: '100000',
			CLIENT_ADDRESS_HEADER: 'x-forwarded-for'
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	const output = collectOutput(child);
	const baseUrl = `http://127.0.0.1:${port}`;
	try {
		await waitUntilAnswering(baseUrl, child, output);
	} catch (error) {
		await stop(child);
		throw error;
	}

	process.env.BASE_URL = baseUrl;
	project.provide('baseUrl', baseUrl);
	project.provide('serverPid', child.pid!);
	(globalThis as { [STARTED]?: Started })[STARTED] = { baseUrl, pid: child.pid! };
	return async () => {
		await stop(child);
		delete (globalThis as { [STARTED]?: Started })[STARTED];
		delete process.env.BASE_URL;
	};
}
