/**
 * Serves the built app (adapter-node's build/handler.js) with cross-origin isolation on every
 * response: hardening (no other origin shares the page's process or opens it with a handle), not
 * something the kernel needs. adapter-node answers /_app/immutable/* before hooks.server.ts runs,
 * so headers set only in hooks would miss the worker scripts, which an isolated page then blocks
 * (ERR_BLOCKED_BY_RESPONSE). Worker scripts get their own Content-Security-Policy here for the same reason.
 *
 *   node scripts/serve.js        # PORT (default 3000), HOST (default 0.0.0.0), BODY_SIZE_LIMIT (64M)
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SECURITY_HEADERS } from '../src/lib/server/security/headers.js';
import { isWorkerScript, WORKER_CSP } from '../src/lib/server/security/csp.js';
import { log, logFormat } from '../src/lib/server/log/log.js';

export const BUILD_DIR = fileURLToPath(new URL('../build', import.meta.url));
export const ISOLATION_HEADERS = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin'
};
/** A failure an operator can fix (no build, port taken): its message says how. */
export class ServeError extends Error {
	name = 'ServeError';
}

/** Above the 50 MB per-file upload limit, so the upload endpoint, not adapter-node, answers. */
export const DEFAULT_BODY_SIZE_LIMIT = '64M';

/** Set by this server on every request, so a client cannot choose its value. */
const PROTOCOL_HEADER = 'x-crowdsky-protocol';

/**
 * Starts listening; resolves once the port is bound.
 * @param {{ port?: number, host?: string, buildDir?: string }} [options]
 * @returns {Promise<http.Server>}
 */
export async function listen({
	port = Number(process.env.PORT || 3000),
	host = process.env.HOST || '0.0.0.0',
	buildDir = BUILD_DIR
} = {}) {
	// A mistyped LOG_FORMAT would otherwise surface at the first request.
	try {
		logFormat();
	} catch (error) {
		throw new ServeError(/** @type {Error} */ (error).message);
	}
	const entry = path.join(buildDir, 'handler.js');
	if (!existsSync(entry)) {
		throw new ServeError(`No built app at ${entry}: run \`npm run build\` first, or \`npm start\`, which builds`);
	}
	// Without ORIGIN or PROTOCOL_HEADER adapter-node takes every request for https, and SvelteKit's
	// CSRF check then refuses same-origin form posts on http://localhost. This server speaks plain
	// http, so it says so; behind a TLS proxy the operator sets ORIGIN or PROTOCOL_HEADER instead.
	const tellProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (tellProtocol) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	// adapter-node refuses bodies over 512 KB by default; a frame upload is up to 50 MB, which the
	// upload endpoint enforces itself (with a JSON 413). Read by handler.js when it is imported.
	process.env.BODY_SIZE_LIMIT ||= DEFAULT_BODY_SIZE_LIMIT;
	const { handler } = await import(pathToFileURL(entry).href);

	const server = http.createServer((req, res) => {
		for (const headers of [ISOLATION_HEADERS, SECURITY_HEADERS]) {
			for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
		}
		if (isWorkerScript(new URL(req.url ?? '/', 'http://x').pathname)) res.setHeader('Content-Security-Policy', WORKER_CSP);
		if (tellProtocol) req.headers[PROTOCOL_HEADER] = 'http';
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', (error) => {
			const code = /** @type {NodeJS.ErrnoException} */ (error).code;
			const taken = code === 'EADDRINUSE' || code === 'EACCES';
			reject(taken ? new ServeError(`Cannot listen on ${host}:${port} (${code}): set PORT to a free port`) : error);
		});
		server.listen(port, host, () => resolve(undefined));
	});
	return server;
}

/** The address to print: a wildcard bind is reachable as localhost. */
export function serverUrl(/** @type {http.Server} */ server) {
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const wildcard = ['0.0.0.0', '::', ''].includes(address.address);
	const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
	return `http://${host}:${address.port}`;
}

/**
 * Listens, prints the URL and stops cleanly on SIGTERM or SIGINT: open requests finish, then
 * `sveltekit:shutdown` is emitted (as adapter-node's own server does) so the app can close pools.
 * @param {Parameters<typeof listen>[0]} [options]
 */
export async function runServer(options) {
	const server = await listen(options);
	log('info', 'listening', { url: serverUrl(server) });
	/** @param {NodeJS.Signals} signal */
	const stop = (signal) => {
		log('info', 'stopping', { signal });
		process.off('SIGTERM', stop).off('SIGINT', stop);
		process.once(signal, () => process.exit(1)); // a second signal: stop waiting
		server.closeIdleConnections();
		setTimeout(() => server.closeAllConnections(), 10_000).unref();
		server.close(() => {
			process.emit(/** @type {any} */ ('sveltekit:shutdown'), signal);
			// Whatever the app left open (a database pool) must not keep a stopped server alive.
			setTimeout(() => process.exit(0), 1_000).unref();
		});
	};
	process.on('SIGTERM', stop).on('SIGINT', stop);
	return server;
}

/** For command lines: an operator's mistake is one line on stderr and exit code 1, not a stack. */
export async function runServerOrExplain() {
	try {
		await runServer();
	} catch (error) {
		if (!(error instanceof ServeError)) throw error;
		console.error(error.message);
		process.exitCode = 1;
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runServerOrExplain();
