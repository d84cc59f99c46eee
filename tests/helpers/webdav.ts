/**
 * A real WebDAV server for tests, on 127.0.0.1 and a free port, with basic auth, serving a fresh
 * temporary directory at Nextcloud's path (/remote.php/dav/files/<user>), so a test can check the
 * bytes on disk. `rclone serve webdav` (Debian's, as in production-like setups) when rclone is
 * installed, else npm's in-process `webdav-server`; TEST_WEBDAV_SERVER=rclone|webdav-server
 * chooses. `forEachStorage` runs one describe block against the local and the WebDAV backend.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { createStorage, type Storage } from '$lib/server/storage';

export interface WebdavServer {
	kind: 'rclone' | 'webdav-server';
	/** The user's files, like https://cloud/remote.php/dav/files/<user> (no trailing slash). */
	url: string;
	username: string;
	password: string;
	/** The directory the server serves. */
	root: string;
	stop(): Promise<void>;
	/** Starts it again on the same port and directory (after `stop`). */
	restart(): Promise<void>;
}

interface Running {
	/** Why the server is gone, if it exited by itself. */
	exited(): string | null;
	stop(): Promise<void>;
}

const USERNAME = 'observer';
const PASSWORD = 'pässwörd-123';

function rcloneBinary(): string | null {
	for (const bin of ['/usr/bin/rclone', 'rclone']) {
		if (spawnSync(bin, ['version'], { stdio: 'ignore' }).status === 0) return bin;
	}
	return null;
}

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as { port: number };
	await new Promise((done) => server.close(done));
	return port;
}

export async function startWebdavServer(): Promise<WebdavServer> {
	const wanted = process.env.TEST_WEBDAV_SERVER;
	const rclone = wanted === 'webdav-server' ? null : rcloneBinary();
	if (wanted === 'rclone' && !rclone) throw new Error('TEST_WEBDAV_SERVER=rclone but rclone is not installed');
	const root = await mkdtemp(join(tmpdir(), 'crowdsky-webdav-'));
	const port = await freePort();
	const basePath = `/remote.php/dav/files/${USERNAME}`;
	const url = `http://127.0.0.1:${port}${basePath}`;
	const start = () =>
		rclone ? startRclone(rclone, root, port, basePath) : startWebdavServerPackage(root, port, basePath);
	let running: Running | null = await start();
	await waitUntilAnswering(url, running);
	return {
		kind: rclone ? 'rclone' : 'webdav-server',
		url,
		username: USERNAME,
		password: PASSWORD,
		root,
		async stop() {
			await running?.stop();
			running = null;
		},
		async restart() {
			if (running) throw new Error('WebDAV server is running: stop it first');
			running = await start();
			await waitUntilAnswering(url, running);
		}
	};
}

async function startRclone(bin: string, root: string, port: number, basePath: string): Promise<Running> {
	const child: ChildProcess = spawn(
		bin,
		['serve', 'webdav', root, '--addr', `127.0.0.1:${port}`, '--baseurl', basePath,
			'--user', USERNAME, '--pass', PASSWORD, '--config', '/dev/null', '--log-level', 'ERROR'],
		{ stdio: ['ignore', 'ignore', 'pipe'] }
	);
	let stderr = '';
	child.stderr?.on('data', (chunk) => (stderr += chunk));
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	return {
		exited: () =>
			child.exitCode !== null ? `rclone serve webdav exited: ${stderr.trim() || 'no output'}` : null,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}

async function startWebdavServerPackage(root: string, port: number, basePath: string): Promise<Running> {
	const { v2: webdav } = (await import('webdav-server')).default;
	const users = new webdav.SimpleUserManager();
	const user = users.addUser(USERNAME, PASSWORD, false);
	const privileges = new webdav.SimplePathPrivilegeManager();
	privileges.setRights(user, '/', ['all']);
	const server = new webdav.WebDAVServer({
		hostname: '127.0.0.1',
		port,
		requireAuthentification: true,
		httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'CrowdSky tests'),
		privilegeManager: privileges
	});
	if (!(await server.setFileSystemAsync(basePath, new webdav.PhysicalFileSystem(root)))) {
		throw new Error(`webdav-server: could not mount ${root} at ${basePath}`);
	}
	await server.startAsync(port);
	return { exited: () => null, stop: () => server.stopAsync() };
}

async function waitUntilAnswering(url: string, server: Running): Promise<void> {
	const auth = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`;
	const deadline = Date.now() + 15_000;
	let last: unknown;
	while (Date.now() < deadline) {
		const gone = server.exited();
		if (gone) throw new Error(gone);
		try {
			const response = await fetch(`${url}/`, { method: 'PROPFIND', headers: { Depth: '0', Authorization: auth } });
			await response.arrayBuffer();
			if (response.status === 207) return;
			last = new Error(`PROPFIND ${url}/ answered ${response.status}`);
		} catch (error) {
			last = error;
		}
		await new Promise((done) => setTimeout(done, 100));
	}
	throw new Error(`WebDAV server at ${url} did not answer: ${String(last)}`);
}

export interface StorageUnderTest {
	storage: Storage;
	/** Where the store's files are on disk (the local root, or the folder the WebDAV server serves). */
	dir: string;
	/** The WebDAV server behind the store (webdav backend only). */
	server?: WebdavServer;
}

/**
 * Runs `fn` as a describe block once per backend: a local directory in a temp folder, and a
 * folder `crowdsky/` (not yet existing) on a fresh WebDAV server. `fn` gets a getter, valid in
 * tests and hooks.
 */
export function forEachStorage(name: string, fn: (use: () => StorageUnderTest) => void): void {
	for (const kind of ['local', 'webdav'] as const) {
		describe(`${name} [${kind}]`, () => {
			let current: StorageUnderTest | undefined;
			let temp: string | undefined;
			beforeAll(async () => {
				if (kind === 'local') {
					temp = await mkdtemp(join(tmpdir(), 'crowdsky-store-'));
					const dir = join(temp, 'store');
					current = { storage: createStorage(dir), dir };
				} else {
					const server = await startWebdavServer();
					current = {
						storage: createStorage(`${server.url}/crowdsky`, {
							username: server.username,
							password: server.password
						}),
						dir: join(server.root, 'crowdsky'),
						server
					};
				}
			});
			afterAll(async () => {
				await current?.server?.stop();
				const dir = temp ?? current?.server?.root;
				if (dir) await rm(dir, { recursive: true, force: true });
			});
			fn(() => {
				if (!current) throw new Error('storage under test is set up in beforeAll');
				return current;
			});
		});
	}
}
