import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { createClient, type FileStat, type WebDAVClient } from 'webdav';
import { StorageError, StorageNotFound } from './errors';
import { checkPath, checkPrefix } from './path';
import { checkRange, sliceStream } from './range';
import { trackSource } from './source';
import type { ListedObject, PutSource, Storage, StoredObject } from './types';
import { errorMessage } from '$lib/util/error-message';

const TMP = '.tmp';

export interface WebdavCredentials {
	username?: string;
	password?: string;
}

/**
 * Files on a WebDAV server (u:cloud is a Nextcloud: give the folder's URL under
 * /remote.php/dav/files/<user>/). A put goes to `.tmp/<random>` and is MOVEd into place.
 * Credentials come from `opts`, else from user:pass in the URL.
 */
export class WebdavStorage implements Storage {
	readonly kind = 'webdav';
	readonly describe: string;
	private readonly client: WebDAVClient;

	constructor(url: string, opts: WebdavCredentials = {}) {
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			throw new StorageError(`invalid WebDAV URL ${JSON.stringify(withoutCredentials(url))}`);
		}
		const username = opts.username ?? (decodeURIComponent(parsed.username) || undefined);
		const password = opts.password ?? (decodeURIComponent(parsed.password) || undefined);
		parsed.username = '';
		parsed.password = '';
		const base = parsed.href.replace(/\/+$/, '');
		this.describe = `WebDAV store ${base}${username ? ` (user ${username})` : ''}`;
		// Basic auth as UTF-8 (what Nextcloud and rclone expect): the client's own encoder sends
		// Latin-1, so a password with 'ä' would be refused.
		const basic = Buffer.from(`${username}:${password ?? ''}`, 'utf8').toString('base64');
		this.client = createClient(base, username ? { headers: { Authorization: `Basic ${basic}` } } : {});
	}

	async put(path: string, data: PutSource): Promise<StoredObject> {
		const segments = checkPath(path);
		const tmp = `/${TMP}/${randomBytes(12).toString('hex')}`;
		const source = trackSource(data);
		try {
			await this.ensureCollection([TMP]);
			if (data instanceof Uint8Array) {
				// The client sends Buffers as they are (a plain Uint8Array would become JSON).
				const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
				await this.client.putFileContents(tmp, bytes, { contentLength: bytes.byteLength });
			} else {
				// Streamed with chunked transfer encoding: the size is not known in advance.
				const body = Readable.from(endOnFailure(source.chunks), { objectMode: false });
				await this.client.putFileContents(tmp, body, { contentLength: false });
				// The server has answered, so it is done with the temporary object: deleting it
				// now cannot race a server still writing it (as after an aborted request).
				if (source.failure) throw source.failure.error;
			}
			if (segments.length > 1) await this.ensureCollection(segments.slice(0, -1));
			await this.client.moveFile(tmp, `/${path}`, { overwrite: true });
			return { path, size: data instanceof Uint8Array ? data.byteLength : source.bytes };
		} catch (error) {
			await this.client.deleteFile(tmp).catch(() => {});
			if (source.failure) throw source.failure.error;
			throw this.failed('put', path, error);
		}
	}

	async read(path: string): Promise<Readable> {
		checkPath(path);
		try {
			const response = await this.client.customRequest(`/${path}`, { method: 'GET' });
			return bodyOf(response);
		} catch (error) {
			throw this.failed('read', path, error);
		}
	}

	async readRange(path: string, start: number, end: number): Promise<Uint8Array> {
		checkPath(path);
		checkRange(path, start, end);
		if (start === end) {
			if (!(await this.stat(path))) throw this.failed('readRange', path, { status: 404 });
			return new Uint8Array(0);
		}
		try {
			const response = await this.client.customRequest(`/${path}`, {
				method: 'GET',
				headers: { Range: `bytes=${start}-${end - 1}` }
			});
			const body = bodyOf(response);
			const first = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
			if (response.status === 206 && Number(first) === start) return await sliceStream(body, 0, end - start);
			// The server ignored the Range header: this is the whole object; read up to `end`, cut.
			if (response.status !== 206) return await sliceStream(body, start, end);
			// Another range than asked (webdav-server does so at the very end): read it whole, cut.
			body.destroy();
			const whole = await this.client.customRequest(`/${path}`, { method: 'GET' });
			return await sliceStream(bodyOf(whole), start, end);
		} catch (error) {
			if (statusOf(error) === 416) return new Uint8Array(0); // start is at or past the end
			throw this.failed('readRange', path, error);
		}
	}

	async stat(path: string): Promise<StoredObject | null> {
		checkPath(path);
		try {
			const info = (await this.client.stat(`/${path}`)) as FileStat;
			return info.type === 'file' ? { path, size: info.size } : null;
		} catch (error) {
			if (statusOf(error) === 404) return null;
			throw this.failed('stat', path, error);
		}
	}

	async delete(path: string): Promise<void> {
		checkPath(path);
		await this.remove('delete', path, `/${path}`);
	}

	async deleteTree(prefix: string): Promise<void> {
		if (prefix === '') throw new StorageError(`${this.describe}: deleteTree refuses the whole store ('')`);
		checkPrefix(prefix);
		await this.remove('deleteTree', prefix, `/${prefix}/`);
	}

	async list(prefix: string): Promise<ListedObject[]> {
		checkPrefix(prefix);
		const found: ListedObject[] = [];
		// One Depth: 1 PROPFIND per folder: Nextcloud does not answer Depth: infinity by default.
		const folders = [prefix];
		for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
			let items: FileStat[];
			try {
				items = (await this.client.getDirectoryContents(`/${folder}`)) as FileStat[];
			} catch (error) {
				if (statusOf(error) === 404) continue; // no such folder (or it went meanwhile)
				throw this.failed('list', prefix, error);
			}
			const under = folder === '' ? '' : `${folder}/`;
			for (const item of items) {
				const path = item.filename.replace(/^\/+/, '');
				// Only what is inside this folder; skip dot-names (the backend's own '.tmp').
				if (!path.startsWith(under) || path === folder || item.basename.startsWith('.')) continue;
				if (item.type === 'directory') folders.push(path);
				else found.push({ path, size: item.size, modifiedAt: new Date(item.lastmod) });
			}
		}
		return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	}

	async removeStaleTemp(olderThan: Date): Promise<number> {
		let items: FileStat[];
		try {
			items = (await this.client.getDirectoryContents(`/${TMP}`)) as FileStat[];
		} catch (error) {
			if (statusOf(error) === 404) return 0; // no put ever made the folder
			throw this.failed('removeStaleTemp', TMP, error);
		}
		let removed = 0;
		for (const item of items) {
			if (item.type !== 'file' || !(new Date(item.lastmod) < olderThan)) continue;
			await this.remove('removeStaleTemp', `${TMP}/${item.basename}`, `/${TMP}/${item.basename}`);
			removed++;
		}
		return removed;
	}

	private async remove(op: string, path: string, target: string): Promise<void> {
		try {
			await this.client.deleteFile(target);
		} catch (error) {
			if (statusOf(error) !== 404) throw this.failed(op, path, error);
		}
	}

	/**
	 * MKCOL the folder ([] is the store's own base folder); on 409 (a parent is missing) create
	 * the parent first. An existing folder answers 405 (Nextcloud, Apache) or 201 (rclone).
	 */
	private async ensureCollection(segments: string[]): Promise<void> {
		const mkcol = async () => {
			try {
				await this.client.createDirectory(segments.length ? `/${segments.join('/')}/` : '/');
			} catch (error) {
				if (statusOf(error) !== 405) throw error;
			}
		};
		try {
			await mkcol();
		} catch (error) {
			if (statusOf(error) !== 409 || segments.length === 0) throw error;
			await this.ensureCollection(segments.slice(0, -1));
			await mkcol();
		}
	}

	private failed(op: string, path: string, error: unknown): StorageError {
		if (error instanceof StorageError) return error;
		const where = `${this.describe}: ${op} ${JSON.stringify(path)}`;
		const status = statusOf(error);
		if (status === 404 && op.startsWith('read')) return new StorageNotFound(`${where}: no such file`);
		return new StorageError(`${where} failed: ${reasonOf(error, status)}`);
	}
}

/**
 * Ends the request body cleanly when the source fails (its failure stays recorded), instead of
 * aborting the request: after an abort a server may still write the partial temporary object
 * after the clean-up's DELETE.
 */
async function* endOnFailure(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
	try {
		yield* chunks;
	} catch {
		return;
	}
}

function bodyOf(response: unknown): Readable {
	const body = (response as { body?: unknown }).body;
	if (body instanceof Readable) return body;
	if (body && typeof (body as ReadableStream).getReader === 'function') {
		return Readable.fromWeb(body as import('node:stream/web').ReadableStream);
	}
	throw new Error('response has no body');
}

function statusOf(error: unknown): number | undefined {
	const status = (error as { status?: unknown } | null)?.status;
	return typeof status === 'number' ? status : undefined;
}

/** Why a request failed, in words an operator can act on; never echoes credentials. */
function reasonOf(error: unknown, status: number | undefined): string {
	if (status === 401) return 'HTTP 401: the server refused the credentials (check WEBDAV_USERNAME / WEBDAV_PASSWORD)';
	if (status !== undefined) {
		const text = (error as { response?: { statusText?: string } }).response?.statusText;
		const hint = status >= 500 ? ' (server error; retry later)' : '';
		return `HTTP ${status}${text ? ` ${text}` : ''}${hint}`;
	}
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
		return `cannot reach the server (${code}); retry later`;
	}
	return errorMessage(error);
}

/** A URL for messages: any user:pass@ replaced. */
export function withoutCredentials(url: string): string {
	return url.replace(/\/\/[^/@]*@/, '//***@');
}
