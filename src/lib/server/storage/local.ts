import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { StorageError, StorageNotFound } from './errors';
import { checkPath, checkPrefix } from './path';
import { checkRange } from './range';
import { trackSource } from './source';
import type { ListedObject, PutSource, Storage, StoredObject } from './types';
import { errorMessage } from '$lib/util/error-message';

const TMP = '.tmp';
const ABSENT = new Set(['ENOENT', 'ENOTDIR']);

/** Files in a directory; a put goes to `<root>/.tmp/<random>` and is renamed into place. */
export class LocalStorage implements Storage {
	readonly kind = 'local';
	readonly describe: string;
	readonly root: string;

	constructor(dir: string) {
		this.root = resolve(dir);
		this.describe = `local directory ${this.root}`;
	}

	async put(path: string, data: PutSource): Promise<StoredObject> {
		const target = this.file(path);
		const tmp = join(this.root, TMP, randomBytes(12).toString('hex'));
		const source = trackSource(data);
		let handle: FileHandle | undefined;
		try {
			await mkdir(dirname(tmp), { recursive: true });
			handle = await open(tmp, 'wx');
			for await (const chunk of source.chunks) await writeAll(handle, chunk);
			await handle.sync(); // the bytes are on disk before the name points at them
			await handle.close();
			handle = undefined;
			await mkdir(dirname(target), { recursive: true });
			await rename(tmp, target);
			return { path, size: source.bytes };
		} catch (error) {
			await handle?.close().catch(() => {});
			await rm(tmp, { force: true }).catch(() => {});
			if (source.failure) throw source.failure.error;
			throw this.failed('put', path, error);
		}
	}

	async read(path: string): Promise<Readable> {
		const handle = await this.openFile('read', path);
		return handle.createReadStream();
	}

	async readRange(path: string, start: number, end: number): Promise<Uint8Array> {
		checkRange(path, start, end);
		const handle = await this.openFile('readRange', path);
		try {
			const { size } = await handle.stat();
			const from = Math.min(start, size);
			const out = Buffer.alloc(Math.min(end, size) - from);
			let filled = 0;
			while (filled < out.length) {
				const { bytesRead } = await handle.read(out, filled, out.length - filled, from + filled);
				if (bytesRead === 0) break;
				filled += bytesRead;
			}
			return out.subarray(0, filled);
		} catch (error) {
			throw this.failed('readRange', path, error);
		} finally {
			await handle.close().catch(() => {});
		}
	}

	async stat(path: string): Promise<StoredObject | null> {
		const file = this.file(path);
		try {
			const info = await stat(file);
			return info.isFile() ? { path, size: info.size } : null;
		} catch (error) {
			if (ABSENT.has(codeOf(error))) return null;
			throw this.failed('stat', path, error);
		}
	}

	async delete(path: string): Promise<void> {
		const file = this.file(path);
		try {
			await rm(file, { force: true });
		} catch (error) {
			throw this.failed('delete', path, error);
		}
	}

	async deleteTree(prefix: string): Promise<void> {
		if (prefix === '') throw new StorageError(`${this.describe}: deleteTree refuses the whole store ('')`);
		const dir = join(this.root, ...checkPrefix(prefix));
		try {
			await rm(dir, { recursive: true, force: true });
		} catch (error) {
			throw this.failed('deleteTree', prefix, error);
		}
	}

	async list(prefix: string): Promise<ListedObject[]> {
		const segments = checkPrefix(prefix);
		const found: ListedObject[] = [];
		try {
			await walk(join(this.root, ...segments), segments.join('/'), found);
		} catch (error) {
			throw this.failed('list', prefix, error);
		}
		return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	}

	async removeStaleTemp(olderThan: Date): Promise<number> {
		const dir = join(this.root, TMP);
		let removed = 0;
		try {
			for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
				const file = join(dir, entry.name);
				const info = await stat(file).catch(() => null); // renamed into place meanwhile
				if (!info?.isFile() || info.mtime >= olderThan) continue;
				await rm(file, { force: true });
				removed++;
			}
		} catch (error) {
			throw this.failed('removeStaleTemp', TMP, error);
		}
		return removed;
	}

	private file(path: string): string {
		return join(this.root, ...checkPath(path));
	}

	/** Opens a regular file for reading, or throws StorageNotFound. */
	private async openFile(op: string, path: string): Promise<FileHandle> {
		const file = this.file(path);
		const notFound = () =>
			new StorageNotFound(`${this.describe}: ${op} ${JSON.stringify(path)}: no such file`);
		let handle: FileHandle;
		try {
			handle = await open(file, 'r');
		} catch (error) {
			throw ABSENT.has(codeOf(error)) ? notFound() : this.failed(op, path, error);
		}
		let isFile: boolean;
		try {
			isFile = (await handle.stat()).isFile();
		} catch (error) {
			await handle.close().catch(() => {});
			throw this.failed(op, path, error);
		}
		if (isFile) return handle;
		await handle.close().catch(() => {});
		throw notFound(); // a folder
	}

	private failed(op: string, path: string, error: unknown): StorageError {
		if (error instanceof StorageError) return error;
		const reason = errorMessage(error);
		return new StorageError(`${this.describe}: ${op} ${JSON.stringify(path)} failed: ${reason}`, {
			cause: error
		});
	}
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
	let done = 0;
	while (done < chunk.byteLength) {
		const { bytesWritten } = await handle.write(chunk, done, chunk.byteLength - done);
		done += bytesWritten;
	}
}

/** Collects the files under `dir` (skipping dot-names: the backend's own '.tmp'). */
async function walk(dir: string, rel: string, found: ListedObject[]): Promise<void> {
	let entries;
	try {
		entries = await readdir(dir, { withFileTypes: true });
	} catch (error) {
		if (ABSENT.has(codeOf(error))) return; // no such folder, or it is a file: nothing under it
		throw error;
	}
	for (const entry of entries) {
		if (entry.name.startsWith('.')) continue;
		const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
		const full = join(dir, entry.name);
		if (entry.isDirectory()) await walk(full, path, found);
		else if (entry.isFile()) {
			const info = await stat(full).catch(() => null); // deleted meanwhile: skip it
			if (info) found.push({ path, size: info.size, modifiedAt: info.mtime });
		}
	}
}

function codeOf(error: unknown): string {
	return (error as NodeJS.ErrnoException | null)?.code ?? '';
}
