import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { expect, it } from 'vitest';
import { StorageError, storagePath } from '$lib/server/storage';
import { forEachStorage } from '../../helpers/webdav';
import { failingChunks, filesOnDisk } from './helpers';

forEachStorage('failed writes and bad paths', (use) => {
	/** Nothing on disk that the store does not list: no temporary or partial object anywhere. */
	async function expectNoStrays() {
		const { storage, dir } = use();
		const listed = (await storage.list('')).map((o) => o.path);
		expect(await filesOnDisk(dir)).toEqual(listed);
	}

	it('a source that fails midway leaves nothing behind and its error comes back', async () => {
		const { storage } = use();
		const unplugged = new Error('camera unplugged');
		await expect(storage.put('fail/one.fit', failingChunks(3, unplugged))).rejects.toBe(unplugged);
		expect(await storage.stat('fail/one.fit')).toBeNull();
		expect(await storage.list('fail')).toEqual([]);
		await expectNoStrays();
	});

	it('a failing web stream leaves nothing behind either', async () => {
		const { storage } = use();
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent++ < 2) controller.enqueue(new Uint8Array(1 << 20).fill(7));
				else controller.error(new Error('connection reset by browser'));
			}
		});
		await expect(storage.put('fail/two.fit', stream)).rejects.toThrow('connection reset by browser');
		expect(await storage.stat('fail/two.fit')).toBeNull();
		await expectNoStrays();
	});

	it('a failed overwrite keeps the old object intact', async () => {
		const { storage } = use();
		await storage.put('fail/kept.fit', Buffer.from('the original'));
		await expect(storage.put('fail/kept.fit', failingChunks(2, new Error('gone')))).rejects.toThrow('gone');
		expect(Buffer.from(await storage.readRange('fail/kept.fit', 0, 100)).toString()).toBe('the original');
		await expectNoStrays();
	});

	it('a source yielding something other than bytes is refused and leaves nothing', async () => {
		const { storage } = use();
		const strings = (async function* () {
			yield new Uint8Array(10);
			yield 'text' as unknown as Uint8Array;
		})();
		await expect(storage.put('fail/three.fit', strings)).rejects.toThrow(/yielded string, expected Uint8Array/);
		expect(await storage.stat('fail/three.fit')).toBeNull();
		await expectNoStrays();
	});

	const bad = ['../x', '/abs', 'a//b', 'a\\b', 'a\0b', '', 'a/', '.', 'a/../b', '.tmp/x', 'a/.hidden', 'sp ace', 'ü'];
	it.each(bad)('refuses the path %j in every operation, touching nothing', async (path) => {
		const { storage, dir } = use();
		const before = await readdir(dirname(dir));
		const refusals = [
			storage.put(path, Buffer.from('x')),
			storage.read(path),
			storage.readRange(path, 0, 1),
			storage.stat(path),
			storage.delete(path),
			...(path === '' ? [] : [storage.list(path), storage.deleteTree(path)])
		];
		for (const refusal of refusals) {
			await expect(refusal).rejects.toThrow(StorageError);
			await expect(refusal).rejects.toThrow(`invalid storage path ${JSON.stringify(path)}`);
		}
		expect(await readdir(dirname(dir))).toEqual(before);
		await expectNoStrays();
	});

	it('storagePath builds paths the backends accept and refuses bad segments', async () => {
		const { storage } = use();
		const path = storagePath('raw', 42, 'session_7', 'frame-0001.fit');
		expect(path).toBe('raw/42/session_7/frame-0001.fit');
		await storage.put(path, Buffer.from('ok'));
		expect(await storage.stat(path)).toEqual({ path, size: 2 });
		expect(() => storagePath('raw', '../etc')).toThrow(StorageError);
		expect(() => storagePath('raw', 'a/b')).toThrow(/segment "a\/b"|segment "a"/);
	});
});
