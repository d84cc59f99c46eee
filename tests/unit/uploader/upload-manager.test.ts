/**
 * The upload driver end to end in Node: real frames, real header reading and grouping, a fake
 * server behind the one seam (the api functions) and an in-memory IndexedDB stand-in.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import type { ReceivedFile, UploadedFile } from '$lib/api/uploads';
import { ApiError } from '$lib/api/api-error';
import type { FileRecord } from '$lib/uploader/resume';
import { UploadItem } from '$lib/uploader/upload-item.svelte';
import { UploadManager, type UploadDeps } from '$lib/uploader/upload-manager.svelte';

const DATA = new URL('../../../../shared/data/seestar/', import.meta.url).pathname;
const FOLDERS = ['M94_set2_20250327', 'NGC7023'];

async function realFrames(): Promise<File[]> {
	const files: File[] = [];
	for (const folder of FOLDERS) {
		for (const name of (await readdir(`${DATA}${folder}`)).sort()) {
			files.push(new File([await readFile(`${DATA}${folder}/${name}`)], name, { lastModified: 1_700_000_000_000 }));
		}
	}
	return files;
}

const sha256 = async (file: Blob) => createHash('sha256').update(new Uint8Array(await file.arrayBuffer())).digest('hex');

/** A server in memory: what it stores per session, and the calls it got. */
function fakeServer({ failPut }: { failPut?: (name: string, attempt: number) => ApiError | null } = {}) {
	const stored = new Map<string, UploadedFile[]>();
	const owned = new Set<string>();
	const puts: string[] = [];
	let sessions = 0;
	const attempts = new Map<string, number>();
	const api: UploadDeps['api'] = {
		createSession: async () => {
			const token = `t${++sessions}`;
			stored.set(token, []);
			return { token, id: sessions };
		},
		getSession: async (token) => {
			const files = stored.get(token);
			if (!files) throw new ApiError(404, 'no such upload session');
			return { token, status: 'uploading', fileCount: files.length, totalSizeMb: 0, files: [...files], jobs: [] };
		},
		checkFiles: async (_token, files) => new Set(files.filter((f) => owned.has(f.sha256)).map((f) => f.sha256)),
		putFile: async (token, file, sha): Promise<ReceivedFile> => {
			puts.push(file.name);
			const attempt = (attempts.get(file.name) ?? 0) + 1;
			attempts.set(file.name, attempt);
			const failure = failPut?.(file.name, attempt);
			if (failure) throw failure;
			expect(sha).toBe(await sha256(file));
			const duplicate = owned.has(sha);
			owned.add(sha);
			const id = puts.length;
			if (!duplicate) stored.get(token)!.push({ id, name: file.name, size: file.size, sha256: sha, chunkKey: null, telescope: null });
			return { id, name: file.name, sha256: sha, chunkKey: null, duplicate };
		},
		finalizeSession: async (token) => ({
			jobs: [{ id: 1, chunkKey: 'k', telescope: null, object: 'M 94', frameCount: stored.get(token)!.length, status: 'pending' }],
			created: 0
		})
	};
	return { api, stored, owned, puts };
}

function memoryStore(initial: FileRecord[] = []) {
	const records = new Map(initial.map((r) => [r.key, r]));
	let token: string | null = null;
	const store: UploadDeps['store'] = {
		loadRecords: async () => new Map(records),
		saveRecords: async (list) => void list.forEach((r) => records.set(r.key, r)),
		loadToken: async () => token,
		saveToken: async (t) => void (token = t)
	};
	return { store, records };
}

function manager(server: ReturnType<typeof fakeServer>, store = memoryStore(), hash = vi.fn(sha256)) {
	return { hash, m: new UploadManager({ api: server.api, store: store.store, hash, whenOnline: async () => {} }) };
}

describe('UploadManager', () => {
	it('lists the real frames, groups them into 3 chunks at 15 min and rejects bad files with reasons', async () => {
		const { m } = manager(fakeServer());
		await m.init({ cadence: 15, token: null });
		const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(3000)])], 'fake.fit');
		await m.add([...(await realFrames()), png, new File(['x'], 'notes.txt'), new File([], 'empty.fits')]);
		expect(m.items).toHaveLength(12);
		expect(m.items.every((item) => item.state === 'pending')).toBe(true);
		// The README: NGC 7023 from two nights a year apart, M 94 from one run of a minute.
		const summary = m.chunks.map((c) => `${c.object}:${c.frames.length}`).sort();
		expect(summary).toEqual(['M 94:6', 'NGC 7023:2', 'NGC 7023:4']);
		expect(m.chunks.reduce((sum, c) => sum + c.exposure, 0)).toBe(6 * 10 + 4 * 10 + 2 * 20);
		expect(m.rejected.map((r) => r.name).sort()).toEqual(['empty.fits', 'fake.fit', 'notes.txt']);
		expect(m.rejected.find((r) => r.name === 'notes.txt')?.reason).toBe('not a .fit or .fits file');
		expect(m.rejected.find((r) => r.name === 'empty.fits')?.reason).toBe('empty file');
		expect(m.rejected.find((r) => r.name === 'fake.fit')?.reason).toMatch(/FITS|SIMPLE/i);
	});

	it('uploads every frame once, in states pending → hashing → queued → uploading → done, then finalizes', async () => {
		const server = fakeServer();
		const { m } = manager(server);
		await m.init({ cadence: 15, token: null });
		await m.add(await realFrames());
		const seen = new Map<UploadItem, string[]>();
		const original = UploadItem.prototype.to;
		const spy = vi.spyOn(UploadItem.prototype, 'to').mockImplementation(function (this: UploadItem, state, message) {
			seen.set(this, [...(seen.get(this) ?? []), state]);
			original.call(this, state, message);
		});
		await m.start();
		spy.mockRestore();
		expect(m.items.map((item) => item.state)).toEqual(Array(12).fill('done'));
		for (const steps of seen.values()) expect(steps).toEqual(['hashing', 'queued', 'uploading', 'done']);
		expect(server.puts.sort()).toEqual(m.items.map((i) => i.file.name).sort());
		expect(m.sessionFiles).toHaveLength(12);
		expect(m.totals.sent).toBe(m.totals.bytes);
		expect(m.busy).toBe(false);
		expect(m.canFinalize).toBe(true);
		await m.finalize();
		expect(m.jobs).toHaveLength(1);
		expect(m.finalized).toBe(true);
	});

	it('after a reload sends only what the server lacks, reusing stored hashes', async () => {
		const server = fakeServer();
		const store = memoryStore();
		const before = new UploadManager({ api: server.api, store: store.store, hash: sha256, whenOnline: async () => {} });
		await before.init({ cadence: 15, token: null });
		const frames = await realFrames();
		await before.add(frames.slice(0, 5));
		await before.start();
		expect(server.puts).toHaveLength(5);

		// A new page: the server names the open session; the whole folder is dropped again.
		const hash = vi.fn(sha256);
		const after = new UploadManager({ api: server.api, store: store.store, hash, whenOnline: async () => {} });
		await after.init({ cadence: 15, token: before.token });
		expect(after.sessionFiles).toHaveLength(5);
		await after.add(frames);
		await after.start();
		expect(hash).toHaveBeenCalledTimes(7);
		expect(server.puts).toHaveLength(12);
		expect(new Set(server.puts).size).toBe(12);
		expect(after.items.filter((i) => i.message === 'already in this upload')).toHaveLength(5);
		expect(after.sessionFiles).toHaveLength(12);
	});

	it('a frame stored before is a duplicate, not sent; the same content twice in a drop is left out', async () => {
		const server = fakeServer();
		const { m } = manager(server);
		await m.init({ cadence: 15, token: null });
		const frames = await realFrames();
		server.owned.add(await sha256(frames[0]));
		const copy = new File([frames[1]], 'copy.fit', { lastModified: 5 });
		await m.add([frames[0], frames[1], copy]);
		await m.start();
		const byName = new Map(m.items.map((i) => [i.file.name, i.state]));
		expect(byName.get(frames[0].name)).toBe('duplicate');
		expect(m.items).toHaveLength(2);
		expect(m.rejected).toHaveLength(1);
		expect(m.rejected[0].reason).toMatch(/^same content as .* \(duplicate in this drop\)$/);
		expect(server.puts).toHaveLength(1);
	});

	it('keeps the server’s message for a refused file, and Retry sends it again', async () => {
		const server = fakeServer({
			failPut: (name, attempt) => (name.includes('014513') && attempt === 1 ? new ApiError(400, 'DATE-OBS is missing') : null)
		});
		const { m } = manager(server);
		await m.init({ cadence: 15, token: null });
		await m.add((await realFrames()).slice(0, 3));
		await m.start();
		const failed = m.items.find((i) => i.state === 'error')!;
		expect(failed.message).toBe('DATE-OBS is missing');
		expect(m.counts.done).toBe(2);
		await m.retry(failed);
		expect(failed.state).toBe('done');
		expect(server.puts).toHaveLength(4);
	});

	it('retries a dropped connection by itself', async () => {
		const server = fakeServer({ failPut: (_name, attempt) => (attempt === 1 ? new ApiError(0, 'no answer') : null) });
		const { m } = manager(server);
		await m.init({ cadence: 15, token: null });
		await m.add((await realFrames()).slice(0, 2));
		await m.start();
		expect(m.items.map((i) => i.state)).toEqual(['done', 'done']);
		expect(server.puts).toHaveLength(4);
	});

	it('opens a new session after the previous one was finalized', async () => {
		const server = fakeServer();
		const { m } = manager(server);
		await m.init({ cadence: 15, token: null });
		const frames = await realFrames();
		await m.add(frames.slice(0, 1));
		await m.start();
		await m.finalize();
		const firstToken = m.token;
		m.reset();
		await m.add(frames.slice(1, 2));
		await m.start();
		expect(m.token).not.toBe(firstToken);
		expect(server.stored.get(m.token!)).toHaveLength(1);
	});
});

describe('UploadItem states', () => {
	it('refuses a step the state machine does not allow', async () => {
		const [file] = await realFrames();
		const item = new UploadItem(1, file, { name: file.name } as never);
		expect(() => item.to('done')).toThrow(`upload item "${file.name}": pending -> done is not a valid step`);
		item.to('hashing');
		item.to('queued');
		item.to('uploading');
		item.to('done');
		expect(item.loaded).toBe(file.size);
		expect(() => item.to('pending')).toThrow('done -> pending');
	});
});
