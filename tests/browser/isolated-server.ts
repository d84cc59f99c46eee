// A static file server on 127.0.0.1 that makes its pages cross-origin isolated, as the app's server
// does: COOP + COEP on every response, worker scripts and the wasm included.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.wasm': 'application/wasm',
	'.json': 'application/json',
	'.fit': 'application/fits',
	'.fits': 'application/fits'
};

export const ISOLATION_HEADERS = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
};

export interface Mount {
	/** URL path prefix, e.g. '/' or '/frames/'. */
	prefix: string;
	dir: string;
}

export interface IsolatedServer {
	url: string;
	close(): Promise<void>;
}

/**
 * Serves files from `mounts` (longest prefix first). `headers` may change a response's headers
 * by path, so a test can break isolation on purpose.
 */
export async function serveIsolated(
	mounts: Mount[],
	headers: (path: string) => Record<string, string> = () => ISOLATION_HEADERS
): Promise<IsolatedServer> {
	const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
	const server = createServer(async (req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		for (const [k, v] of Object.entries(headers(path))) res.setHeader(k, v);
		res.setHeader('Cache-Control', 'no-store');
		const file = resolveFile(ordered, path.endsWith('/') ? `${path}index.html` : path);
		const info = file ? await stat(file).catch(() => undefined) : undefined;
		if (!file || !info?.isFile() || req.method !== 'GET') return notFound(res, path);
		res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
		createReadStream(file).pipe(res);
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise((ok, fail) => server.close((e) => (e ? fail(e) : ok())))
	};
}

/** The file a URL path names, or undefined when no mount holds it (or it climbs out of one). */
function resolveFile(mounts: Mount[], path: string): string | undefined {
	const mount = mounts.find((m) => path.startsWith(m.prefix));
	if (!mount) return undefined;
	const root = resolve(mount.dir);
	const file = resolve(join(root, path.slice(mount.prefix.length)));
	return file.startsWith(root + sep) ? file : undefined;
}

function notFound(res: ServerResponse, path: string): void {
	res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end(`not found: ${path}\n`);
}
