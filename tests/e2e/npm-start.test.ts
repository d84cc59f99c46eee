/**
 * `npm start` as an operator runs it (the e2e setup has built the app, so no build step): its own
 * database, a free port, one line per step, and SIGTERM to the npm process stops the server —
 * the port closes and no process of it is left serving under PID 1.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { freePort, waitUntilAnswering } from '../helpers/global-server';
import { runDatabaseUrl } from '../helpers/db';
import { dropDatabase, scratchDatabaseUrl } from '../harness/databases';
import { parseDatabaseUrl } from '../../scripts/migrate.js';

const ROOT = new URL('../../', import.meta.url).pathname;
let databaseUrl: string | undefined;
afterAll(async () => {
	if (databaseUrl) await dropDatabase(databaseUrl);
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
	databaseUrl = scratchDatabaseUrl(runDatabaseUrl());
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
	} finally {
		if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
	}
});
