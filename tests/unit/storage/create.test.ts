import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorage, rawStorage, stackStorage, StorageError } from '$lib/server/storage';

const saved = { ...process.env };
afterEach(() => {
	for (const name of ['RAW_STORAGE', 'STACK_STORAGE', 'WEBDAV_USERNAME', 'WEBDAV_PASSWORD']) {
		if (saved[name] === undefined) delete process.env[name];
		else process.env[name] = saved[name];
	}
});

describe('createStorage', () => {
	it('makes a local store from a directory, relative to the working directory', () => {
		const storage = createStorage('./data/x');
		expect(storage.kind).toBe('local');
		expect(storage.describe).toBe(`local directory ${resolve('data/x')}`);
		expect(createStorage('/srv/crowdsky').describe).toBe('local directory /srv/crowdsky');
	});

	it('makes a WebDAV store from an http(s) URL, never showing the password', () => {
		const storage = createStorage('https://alice:s3cret@cloud.example/remote.php/dav/files/alice/crowdsky/');
		expect(storage.kind).toBe('webdav');
		expect(storage.describe).toBe('WebDAV store https://cloud.example/remote.php/dav/files/alice/crowdsky (user alice)');
		const withOpts = createStorage('http://cloud.example/dav', { username: 'bob', password: 'pw' });
		expect(withOpts.describe).toBe('WebDAV store http://cloud.example/dav (user bob)');
	});

	it('refuses an empty spec and other URL schemes, without echoing credentials', () => {
		expect(() => createStorage('')).toThrow(StorageError);
		expect(() => createStorage('  ')).toThrow(/storage spec is empty/);
		expect(() => createStorage('ftp://u:secret@host/x')).toThrow(
			'unsupported storage "ftp://***@host/x": give a local directory or an http(s):// WebDAV URL'
		);
	});
});

describe('rawStorage / stackStorage', () => {
	it('default to ./data/raw and ./data/stacks', () => {
		delete process.env.RAW_STORAGE;
		delete process.env.STACK_STORAGE;
		expect(rawStorage().describe).toBe(`local directory ${resolve('data/raw')}`);
		expect(stackStorage().describe).toBe(`local directory ${resolve('data/stacks')}`);
	});

	it('follow the environment, separately, and return one store per configuration', () => {
		process.env.RAW_STORAGE = 'https://cloud.example/remote.php/dav/files/u/raw';
		process.env.STACK_STORAGE = '/srv/stacks';
		process.env.WEBDAV_USERNAME = 'u';
		process.env.WEBDAV_PASSWORD = 'pw';
		const raw = rawStorage();
		expect(raw.kind).toBe('webdav');
		expect(raw.describe).toBe('WebDAV store https://cloud.example/remote.php/dav/files/u/raw (user u)');
		expect(rawStorage()).toBe(raw);
		expect(stackStorage().describe).toBe('local directory /srv/stacks');
		process.env.WEBDAV_PASSWORD = 'changed';
		expect(rawStorage()).not.toBe(raw);
	});
});
