import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { StorageError } from '$lib/server/storage';
import { sleep } from '$lib/util/sleep';
import { forEachStorage } from '../../helpers/webdav';
import { filesOnDisk } from './helpers';

forEachStorage('list, delete, deleteTree', (use) => {
	it('lists files recursively under a folder, sorted, folders left out', async () => {
		const { storage } = use();
		await storage.put('tree/u1/s1/a.fit', Buffer.from('aaa'));
		await storage.put('tree/u1/s1/b.fit', Buffer.from('bbbb'));
		await storage.put('tree/u1/s2/deep/c.fit', Buffer.from('c'));
		await storage.put('tree/u2/d.fit', Buffer.from('dd'));
		await storage.put('treetop.fit', Buffer.from('t'));

		const listed = await storage.list('tree/u1');
		expect(listed.map(({ path, size }) => ({ path, size }))).toEqual([
			{ path: 'tree/u1/s1/a.fit', size: 3 },
			{ path: 'tree/u1/s1/b.fit', size: 4 },
			{ path: 'tree/u1/s2/deep/c.fit', size: 1 }
		]);
		// When each was written, to the second (WebDAV's getlastmodified has no finer unit).
		for (const { modifiedAt } of listed) expect(Math.abs(modifiedAt.getTime() - Date.now())).toBeLessThan(120_000);
		expect((await storage.list('tree')).map((o) => o.path)).toEqual([
			'tree/u1/s1/a.fit',
			'tree/u1/s1/b.fit',
			'tree/u1/s2/deep/c.fit',
			'tree/u2/d.fit'
		]);
		// The whole store: every object, and nothing of the backend's own temporary folder.
		const all = (await storage.list('')).map((o) => o.path);
		expect(all).toEqual(expect.arrayContaining(['tree/u2/d.fit', 'treetop.fit']));
		expect(all.filter((p) => p.startsWith('.'))).toEqual([]);
		expect(await storage.list('tree/none')).toEqual([]);
		expect(await storage.list('treetop.fit')).toEqual([]); // a file is not a folder
	});

	it('deletes one file, and a second delete is fine', async () => {
		const { storage, dir } = use();
		await storage.delete('tree/u1/s1/a.fit');
		expect(await storage.stat('tree/u1/s1/a.fit')).toBeNull();
		expect(await filesOnDisk(dir)).not.toContain('tree/u1/s1/a.fit');
		await storage.delete('tree/u1/s1/a.fit');
		await storage.delete('never/was.fit');
		expect(await storage.stat('tree/u1/s1/b.fit')).toEqual({ path: 'tree/u1/s1/b.fit', size: 4 });
	});

	it('deletes a folder with everything under it, and only that', async () => {
		const { storage, dir } = use();
		await storage.deleteTree('tree/u1');
		expect(await storage.list('tree/u1')).toEqual([]);
		expect((await filesOnDisk(dir)).filter((p) => p.startsWith('tree/u1/'))).toEqual([]);
		expect(await storage.list('tree')).toEqual([{ path: 'tree/u2/d.fit', size: 2, modifiedAt: expect.any(Date) }]);
		await storage.deleteTree('tree/u1');
		await storage.deleteTree('never/was');
	});

	it('refuses to delete the whole store', async () => {
		const { storage } = use();
		await expect(storage.deleteTree('')).rejects.toThrow(StorageError);
		await expect(storage.deleteTree('')).rejects.toThrow(/refuses the whole store/);
		expect(await storage.stat('treetop.fit')).not.toBeNull();
	});

	it("removes the backend's own partial writes older than the cutoff, keeps newer ones and every object", async () => {
		const { storage, dir, server } = use();
		await storage.put('kept/object.fit', Buffer.from('k'));
		// What a process killed mid-put leaves behind: a partial in the temporary folder, written
		// the way the backend writes it (through WebDAV, whose server caches what it lists).
		const partial = async (name: string) => {
			if (!server) {
				await mkdir(join(dir, '.tmp'), { recursive: true });
				return writeFile(join(dir, '.tmp', name), 'partial');
			}
			const auth = Buffer.from(`${server.username}:${server.password}`).toString('base64');
			const response = await fetch(`${server.url}/crowdsky/.tmp/${name}`, { method: 'PUT', body: 'partial', headers: { authorization: `Basic ${auth}` } });
			expect(response.ok).toBe(true);
		};
		await partial('old-partial-1');
		await partial('old-partial-2');
		// WebDAV times have whole seconds.
		await sleep(2100);
		const cutoff = new Date();
		await sleep(1100);
		await partial('fresh-partial');
		expect(await storage.removeStaleTemp(cutoff)).toBe(2);
		const onDisk = await filesOnDisk(dir);
		expect(onDisk.filter((p) => p.startsWith('.tmp'))).toEqual(['.tmp/fresh-partial']);
		expect(onDisk).toContain('kept/object.fit');
		expect(await storage.removeStaleTemp(cutoff)).toBe(0);
	});
});
