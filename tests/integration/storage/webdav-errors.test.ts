import { createServer, type Server } from 'node:http';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, StorageError, StorageNotFound } from '$lib/server/storage';
import { startWebdavServer, type WebdavServer } from '../../helpers/webdav';
import { seestarFrame } from './helpers';

const frame = seestarFrame();

describe('WebDAV store: server down, wrong credentials', () => {
	let server: WebdavServer;
	beforeAll(async () => {
		server = await startWebdavServer();
	});
	afterAll(async () => {
		await server.stop();
		await rm(server.root, { recursive: true, force: true });
	});

	it('fails with a clear StorageError while the server is down, and works again after a restart', async () => {
		const storage = createStorage(`${server.url}/down`, server);
		await storage.put('a/before.fit', frame.bytes);
		await server.stop();
		try {
			// One at a time: started together, the later rejections would sit unhandled meanwhile.
			const attempts: (() => Promise<unknown>)[] = [
				() => storage.put('a/during.fit', frame.bytes),
				() => storage.read('a/before.fit'),
				() => storage.readRange('a/before.fit', 0, 2880),
				() => storage.stat('a/before.fit'),
				() => storage.list('a'),
				() => storage.delete('a/before.fit'),
				() => storage.deleteTree('a')
			];
			for (const attempt of attempts) {
				const error = await attempt().then(
					() => null,
					(e: unknown) => e
				);
				expect(error).toBeInstanceOf(StorageError);
				expect(error).not.toBeInstanceOf(StorageNotFound);
				const message = (error as Error).message;
				expect(message).toContain(`${server.url}/down`);
				// ECONNRESET when a kept-alive connection from before the stop is tried first.
				expect(message).toMatch(/cannot reach the server \((ECONNREFUSED|ECONNRESET)\); retry later/);
				expect(message).not.toContain(server.password);
			}
		} finally {
			await server.restart();
		}
		expect(Buffer.from(await storage.readRange('a/before.fit', 0, 2880)).equals(frame.bytes.subarray(0, 2880))).toBe(true);
		await storage.put('a/after.fit', Buffer.from('back'));
		expect((await storage.list('a')).map((o) => o.path)).toEqual(['a/after.fit', 'a/before.fit']);
	});

	it('says the credentials were refused, without echoing the password', async () => {
		const storage = createStorage(`${server.url}/creds`, { username: server.username, password: 'wrong-secret' });
		const attempts: (() => Promise<unknown>)[] = [
			() => storage.put('x.fit', Buffer.from('x')),
			() => storage.stat('x.fit'),
			() => storage.list('')
		];
		for (const attempt of attempts) {
			const error = (await attempt().then(() => null, (e: unknown) => e)) as Error;
			expect(error).toBeInstanceOf(StorageError);
			expect(error.message).toMatch(/HTTP 401: the server refused the credentials \(check WEBDAV_USERNAME \/ WEBDAV_PASSWORD\)/);
			expect(error.message).not.toContain('wrong-secret');
		}
		expect(storage.describe).not.toContain('wrong-secret');
	});

	it('takes user:pass from the URL (percent-encoded, UTF-8) and keeps them out of describe', async () => {
		const { protocol, host, pathname } = new URL(server.url);
		const url = `${protocol}//${encodeURIComponent(server.username)}:${encodeURIComponent(server.password)}@${host}${pathname}/inurl`;
		const storage = createStorage(url);
		await storage.put('b/c.fit', Buffer.from('via url'));
		expect(await storage.stat('b/c.fit')).toEqual({ path: 'b/c.fit', size: 7 });
		expect(storage.describe).toBe(`WebDAV store ${server.url}/inurl (user ${server.username})`);
		expect(storage.describe).not.toContain(encodeURIComponent(server.password));
	});
});

/** A plain HTTP server standing in for a WebDAV server that misbehaves in one specific way. */
async function httpServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
	const server = createServer(handler);
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as { port: number };
	return { url: `http://127.0.0.1:${port}/dav`, server };
}

describe('WebDAV store: servers that misbehave', () => {
	const servers: Server[] = [];
	afterAll(async () => {
		for (const server of servers) {
			server.closeAllConnections();
			await new Promise((done) => server.close(done));
		}
	});

	it('turns a 5xx answer into a StorageError that says to retry later', async () => {
		const { url, server } = await httpServer((_, res) => {
			res.writeHead(503, 'Service Unavailable').end('maintenance');
		});
		servers.push(server);
		const storage = createStorage(url, { username: 'u', password: 'secret-503' });
		const error = (await storage.put('x.fit', Buffer.from('x')).catch((e: unknown) => e)) as Error;
		expect(error).toBeInstanceOf(StorageError);
		expect(error.message).toBe(
			`WebDAV store ${url} (user u): put "x.fit" failed: HTTP 503 Service Unavailable (server error; retry later)`
		);
	});

	it('reads a range by cutting the whole body when the server ignores Range', async () => {
		let rangeHeaders = 0;
		const { url, server } = await httpServer((req, res) => {
			if (req.headers.range) rangeHeaders++;
			if (req.method !== 'GET' || req.url !== '/dav/frame.fit') return void res.writeHead(404).end();
			res.writeHead(200, { 'Content-Length': frame.bytes.length }).end(frame.bytes);
		});
		servers.push(server);
		const storage = createStorage(url);
		const middle = await storage.readRange('frame.fit', 1_000_000, 1_002_880);
		expect(rangeHeaders).toBe(1); // the range was asked for, and ignored
		expect(Buffer.from(middle).equals(frame.bytes.subarray(1_000_000, 1_002_880))).toBe(true);
		await expect(storage.readRange('missing.fit', 0, 10)).rejects.toBeInstanceOf(StorageNotFound);
	});
});
