import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { StorageNotFound, storagePath } from '$lib/server/storage';
import { forEachStorage } from '../../helpers/webdav';
import { seestarFrame, sha256Of } from './helpers';

const frame = seestarFrame();

forEachStorage('put, read, readRange, stat', (use) => {
	it('stores a real Seestar frame byte-identical, from a stream, under the given path', async () => {
		const { storage, dir } = use();
		const path = storagePath('raw', 7, 'session-1', '123.fit');
		const stored = await storage.put(path, (async function* () {
			for (let at = 0; at < frame.bytes.length; at += 65536) yield frame.bytes.subarray(at, at + 65536);
		})());
		expect(stored).toEqual({ path, size: frame.bytes.length });
		expect(await sha256Of(await storage.read(path))).toBe(frame.sha256);
		expect(await sha256Of([await readFile(join(dir, 'raw/7/session-1/123.fit'))])).toBe(frame.sha256);
		expect(await storage.stat(path)).toEqual({ path, size: 4152960 });
	});

	it('stores a Uint8Array view and a web ReadableStream', async () => {
		const { storage } = use();
		const view = frame.bytes.subarray(100, 5860); // a view into a larger buffer
		await storage.put('views/a.bin', new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
		expect(Buffer.from(await storage.readRange('views/a.bin', 0, 10_000)).equals(view)).toBe(true);

		const web = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(frame.bytes.subarray(0, 2880));
				controller.enqueue(frame.bytes.subarray(2880, 5760));
				controller.close();
			}
		});
		expect(await storage.put('views/b.bin', web)).toEqual({ path: 'views/b.bin', size: 5760 });
		expect(await sha256Of(await storage.read('views/b.bin'))).toBe(await sha256Of([frame.bytes.subarray(0, 5760)]));
	});

	it('stores an empty object', async () => {
		const { storage } = use();
		expect(await storage.put('empty/zero.bin', new Uint8Array(0))).toEqual({ path: 'empty/zero.bin', size: 0 });
		expect(await storage.stat('empty/zero.bin')).toEqual({ path: 'empty/zero.bin', size: 0 });
		expect(await sha256Of(await storage.read('empty/zero.bin'))).toBe(await sha256Of([]));
	});

	it('replaces an existing object whole', async () => {
		const { storage } = use();
		await storage.put('replace/x.bin', frame.bytes.subarray(0, 10_000));
		await storage.put('replace/x.bin', Buffer.from('short'));
		expect(await storage.stat('replace/x.bin')).toEqual({ path: 'replace/x.bin', size: 5 });
		expect(Buffer.from(await storage.readRange('replace/x.bin', 0, 100)).toString()).toBe('short');
	});

	it('reads the header block and a middle range', async () => {
		const { storage } = use();
		const path = 'ranges/frame.fit';
		await storage.put(path, frame.bytes);
		const header = await storage.readRange(path, 0, 2880);
		expect(header.byteLength).toBe(2880);
		expect(Buffer.from(header).toString('latin1')).toMatch(/^SIMPLE  = +T/);
		expect(Buffer.from(header).equals(frame.bytes.subarray(0, 2880))).toBe(true);

		const middle = await storage.readRange(path, 2_000_003, 2_100_017);
		expect(Buffer.from(middle).equals(frame.bytes.subarray(2_000_003, 2_100_017))).toBe(true);
	});

	it('clamps a range to the end of the object', async () => {
		const { storage } = use();
		const path = 'ranges/frame.fit';
		const size = frame.bytes.length;
		const tail = await storage.readRange(path, size - 10, size + 1000);
		expect(Buffer.from(tail).equals(frame.bytes.subarray(size - 10))).toBe(true);
		expect((await storage.readRange(path, size, size + 5)).byteLength).toBe(0);
		expect((await storage.readRange(path, size + 100, size + 200)).byteLength).toBe(0);
		expect((await storage.readRange(path, 5, 5)).byteLength).toBe(0);
	});

	it('refuses an invalid range', async () => {
		const { storage } = use();
		await expect(storage.readRange('ranges/frame.fit', 10, 5)).rejects.toThrow(/invalid range \[10, 5\)/);
		await expect(storage.readRange('ranges/frame.fit', -1, 5)).rejects.toThrow(/invalid range/);
		await expect(storage.readRange('ranges/frame.fit', 0.5, 5)).rejects.toThrow(/invalid range/);
	});

	it('reports a missing object: StorageNotFound to read, null to stat', async () => {
		const { storage } = use();
		await expect(storage.read('nowhere/x.fit')).rejects.toBeInstanceOf(StorageNotFound);
		await expect(storage.read('nowhere/x.fit')).rejects.toThrow(/nowhere\/x\.fit.*no such file/);
		await expect(storage.readRange('nowhere/x.fit', 0, 2880)).rejects.toBeInstanceOf(StorageNotFound);
		await expect(storage.readRange('nowhere/x.fit', 3, 3)).rejects.toBeInstanceOf(StorageNotFound);
		expect(await storage.stat('nowhere/x.fit')).toBeNull();
		expect(await storage.stat('raw')).toBeNull(); // a folder is not an object
	});
});
