/**
 * `npm start` as an operator runs it: its own database, a free port, one line per step, and
 * SIGTERM to the npm process stops the server — the port closes and no process of it is left
 * serving under PID 1. Here the e2e setup has built the app; the first start of a fresh clone,
 * which builds, runs in a copy of the checkout's tracked files.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort, waitUntilAnswering } from '../helpers/global-server';
import { runDatabaseUrl } from '../helpers/db';
import { dropDatabase, scratchDatabaseUrl } from '../harness/databases';
import { parseDatabaseUrl } from '../../scripts/migrate.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const databases: string[] = [];
afterAll(async () => {
	for (const url of databases) await dropDatabase(url);
});

/** Whether any process of the group `pgid` is alive (an orphan keeps its group). */
function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

const portOpen = (port: number) =>
	new Promise<boolean>((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});

it('prints one line per step, and SIGTERM to npm start closes the port with no process left', async () => {
	const databaseUrl = scratchDatabaseUrl(runDatabaseUrl());
	databases.push(databaseUrl);
	const port = await freePort();
	const npm = spawn('npm', ['start'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_FORMAT: 'text' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true // its own process group, to find any process it leaves
	});
	let output = '';
	npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const pgid = npm.pid!;
	try {
		await waitUntilAnswering(`http://127.0.0.1:${port}/login`, npm, () => output);
		while (!output.includes(' listening ')) await new Promise((r) => setTimeout(r, 50));
		// npm's own two-line banner, then ours: the database, then the server.
		const ours = output.split('\n').filter((line) => line && !line.startsWith('> '));
		const { database } = parseDatabaseUrl(databaseUrl);
		expect(ours).toEqual([
			expect.stringMatching(new RegExp(`^Database ${database} at 127\\.0\\.0\\.1:3306: created, \\d+ migration\\(s\\) applied\\.$`)),
			expect.stringMatching(new RegExp(`^\\S+Z info listening url=http://127\\.0\\.0\\.1:${port}$`)),
			...ours.slice(2).map(() => expect.stringMatching(/ info request method=GET route=\/login status=200 /))
		]);

		const exited = once(npm, 'exit');
		process.kill(npm.pid!, 'SIGTERM');
		await exited;
		for (let i = 0; i < 100 && (groupAlive(pgid) || (await portOpen(port))); i++) await new Promise((r) => setTimeout(r, 100));
		expect(await portOpen(port)).toBe(false);
		expect(groupAlive(pgid)).toBe(false);
		expect(output).toMatch(/ info stopping signal=SIGTERM$/m); // the server itself got the signal
	} finally {
		if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
	}
});

/** The files a fresh clone has (the tracked ones, as this checkout holds them), with this checkout's node_modules as `npm ci` would make it. */
function freshClone(): string {
	const clone = mkdtempSync(join(tmpdir(), 'crowdsky-clone-'));
	const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT }).toString().split('\0').filter(Boolean);
	for (const file of tracked) {
		mkdirSync(dirname(join(clone, file)), { recursive: true });
		try {
			cpSync(join(ROOT, file), join(clone, file));
		} catch {
			// deleted in the working tree: not in a clone of it either
		}
	}
	symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
	return clone;
}

it('the first start of a fresh clone builds with one line per step, none of vite\'s own output', async () => {
	const clone = freshClone();
	const databaseUrl = scratchDatabaseUrl(runDatabaseUrl());
	databases.push(databaseUrl);
	const port = await freePort();
	const start = spawn(process.execPath, ['scripts/start.js'], {
		cwd: clone,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_FORMAT: 'text' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	start.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	start.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	try {
		for (let i = 0; i < 6000 && !output.includes(' listening ') && start.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
		const { database } = parseDatabaseUrl(databaseUrl);
		expect(output.trimEnd().split('\n')).toEqual([
			expect.stringMatching(new RegExp(`^Database ${database} at 127\\.0\\.0\\.1:3306: created, \\d+ migration\\(s\\) applied\\.$`)),
			`Building the app: no build at ${join(clone, 'build')}`,
			expect.stringMatching(/^kernel: built \S+stacker\.wasm \(\d+ bytes\) in \d+ ms$/),
			expect.stringMatching(/^app: built into build\/ in \d+\.\d s$/),
			expect.stringMatching(new RegExp(`^\\S+Z info listening url=http://127\\.0\\.0\\.1:${port}$`))
		]);
		const exited = once(start, 'exit');
		start.kill('SIGTERM');
		expect(await exited).toEqual([0, null]);
	} finally {
		if (start.exitCode === null) start.kill('SIGKILL');
		rmSync(clone, { recursive: true, force: true });
	}
}, 900_000);
