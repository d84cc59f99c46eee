/**
 * `npm start` = scripts/start.js (database, build, serve) and scripts/serve.js. The full start
 * with a build is exercised by the e2e server; here: the database failure path, serve.js's
 * headers and protocol on a stand-in handler, and on the real build when one exists.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ISOLATION_HEADERS, ServeError, listen, serverUrl } from '../../../scripts/serve.js';
import { runDatabaseUrl } from '../../helpers/db';
import { CLOSED_PORT_URL, ROOT, expectUnreachableMessage, runScript } from './run-script';

const headersOf = (response: Response) =>
	Object.fromEntries(Object.keys(ISOLATION_HEADERS).map((name) => [name, response.headers.get(name)]));

test('npm start with MariaDB unreachable: the one-sentence hint and a non-zero exit', async () => {
	expectUnreachableMessage(await runScript('scripts/start.js', CLOSED_PORT_URL));
});

describe('serve.js around a stand-in handler', () => {
	let dir: string;
	let server: Server;
	let base: string;
	const savedProtocolHeader = process.env.PROTOCOL_HEADER;

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'crowdsky-serve-'));
		// Like sirv for /_app/immutable: writeHead with its own headers, before any hook could run.
		writeFileSync(
			path.join(dir, 'handler.js'),
			`export const handler = (req, res, next) => {
				if (req.url.startsWith('/_app/immutable/')) {
					res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'immutable' });
					return res.end('self.onmessage = () => {};');
				}
				if (req.url === '/missing') return next();
				res.setHeader('Content-Type', 'application/json');
				res.end(JSON.stringify({ protocol: req.headers[process.env.PROTOCOL_HEADER] }));
			};`
		);
		delete process.env.PROTOCOL_HEADER;
		server = await listen({ port: 0, host: '127.0.0.1', buildDir: dir });
		base = serverUrl(server);
	});
	afterAll(async () => {
		server?.close();
		rmSync(dir, { recursive: true, force: true });
		if (savedProtocolHeader === undefined) delete process.env.PROTOCOL_HEADER;
		else process.env.PROTOCOL_HEADER = savedProtocolHeader;
	});

	test('every response carries the cross-origin isolation and basic security headers', async () => {
		for (const route of ['/_app/immutable/workers/stack.js', '/', '/missing']) {
			const response = await fetch(base + route);
			expect(headersOf(response), route).toEqual({
				'Cross-Origin-Opener-Policy': 'same-origin',
				'Cross-Origin-Embedder-Policy': 'require-corp',
				'Cross-Origin-Resource-Policy': 'same-origin'
			});
			// Static files never reach hooks.server.ts: these come from serve.js alone.
			expect(response.headers.get('X-Content-Type-Options'), route).toBe('nosniff');
			expect(response.headers.get('X-Frame-Options'), route).toBe('DENY');
			expect(response.headers.get('Referrer-Policy'), route).toBe('strict-origin-when-cross-origin');
		}
		expect((await fetch(`${base}/missing`)).status).toBe(404);
	});

	test('tells the app the request came over http, whatever the client claims', async () => {
		const response = await fetch(base, { headers: { [process.env.PROTOCOL_HEADER!]: 'https' } });
		expect(await response.json()).toEqual({ protocol: 'http' });
	});

	test('a missing build and a taken port are clear ServeErrors', async () => {
		const empty = mkdtempSync(path.join(tmpdir(), 'crowdsky-nobuild-'));
		try {
			await expect(listen({ port: 0, buildDir: empty })).rejects.toThrow(ServeError);
			const port = Number(new URL(base).port);
			await expect(listen({ port, host: '127.0.0.1', buildDir: dir })).rejects.toThrow(
				`Cannot listen on 127.0.0.1:${port} (EADDRINUSE): set PORT to a free port`
			);
		} finally {
			rmSync(empty, { recursive: true, force: true });
		}
	});
});

const BUILD_ENTRY = path.join(ROOT, 'build/handler.js');

describe.skipIf(!existsSync(BUILD_ENTRY))('node scripts/serve.js on the real build', () => {
	test('serves pages and immutable worker scripts cross-origin isolated, and stops on SIGTERM', async () => {
		const child = spawn('node', ['scripts/serve.js'], {
			cwd: ROOT,
			env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: runDatabaseUrl() }
		});
		try {
			const [line] = (await once(child.stdout, 'data')) as [Buffer];
			const base = /listening url=(http:\/\/\S+)/.exec(line.toString())?.[1];
			expect(base, line.toString()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

			const script = readdirSync(path.join(ROOT, 'build/client/_app/immutable/entry'))[0];
			for (const route of ['/', `/_app/immutable/entry/${script}`]) {
				const response = await fetch(base + route);
				expect(response.status, route).toBe(200);
				expect(headersOf(response), route).toEqual(ISOLATION_HEADERS);
			}

			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			expect(await exited).toEqual([0, null]);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	});
});
