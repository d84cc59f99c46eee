import { StorageError } from './errors';
import { LocalStorage } from './local';
import type { Storage } from './types';
import { WebdavStorage, withoutCredentials, type WebdavCredentials } from './webdav';

/**
 * A store from its spec: an http(s):// URL is a WebDAV folder (credentials from `opts`, else
 * user:pass in the URL); anything else is a local directory, relative to the working directory.
 */
export function createStorage(spec: string, opts: WebdavCredentials = {}): Storage {
	if (typeof spec !== 'string' || spec.trim() === '') {
		throw new StorageError('storage spec is empty: give a local directory or an http(s):// WebDAV URL');
	}
	if (/^https?:\/\//i.test(spec)) return new WebdavStorage(spec, opts);
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
		throw new StorageError(
			`unsupported storage ${JSON.stringify(withoutCredentials(spec))}: give a local directory or an http(s):// WebDAV URL`
		);
	}
	return new LocalStorage(spec);
}

const made = new Map<string, Storage>();

/** One store per (spec, credentials), so every caller shares its client and connections. */
function fromEnv(variable: string, fallback: string): Storage {
	const spec = process.env[variable]?.trim() || fallback;
	const opts: WebdavCredentials = {
		username: process.env.WEBDAV_USERNAME || undefined,
		password: process.env.WEBDAV_PASSWORD || undefined
	};
	const key = JSON.stringify([spec, opts.username, opts.password]);
	let storage = made.get(key);
	if (!storage) {
		storage = createStorage(spec, opts);
		made.set(key, storage);
	}
	return storage;
}

/** Where raw frames go: env RAW_STORAGE (default ./data/raw). */
export function rawStorage(): Storage {
	return fromEnv('RAW_STORAGE', './data/raw');
}

/** Where stacks go: env STACK_STORAGE (default ./data/stacks). */
export function stackStorage(): Storage {
	return fromEnv('STACK_STORAGE', './data/stacks');
}
