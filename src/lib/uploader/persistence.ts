/** IndexedDB (via idb): the open session's token and what is known about each file. Kept thin. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FileRecord } from './resume';

interface UploadDb extends DBSchema {
	files: { key: string; value: FileRecord };
	meta: { key: string; value: string };
}

const TOKEN_KEY = 'session-token';
let opened: Promise<IDBPDatabase<UploadDb>> | undefined;

function db(): Promise<IDBPDatabase<UploadDb>> {
	opened ??= openDB<UploadDb>('crowdsky-upload', 1, {
		upgrade(database) {
			database.createObjectStore('files', { keyPath: 'key' });
			database.createObjectStore('meta');
		}
	});
	return opened;
}

export async function loadRecords(): Promise<Map<string, FileRecord>> {
	const all = await (await db()).getAll('files');
	return new Map(all.map((record) => [record.key, record]));
}

/** Many records in one transaction: thousands of single writes would crawl. */
export async function saveRecords(records: FileRecord[]): Promise<void> {
	if (records.length === 0) return;
	const tx = (await db()).transaction('files', 'readwrite');
	await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
}

export async function loadToken(): Promise<string | null> {
	return (await (await db()).get('meta', TOKEN_KEY)) ?? null;
}

export async function saveToken(token: string | null): Promise<void> {
	const database = await db();
	if (token) await database.put('meta', token, TOKEN_KEY);
	else await database.delete('meta', TOKEN_KEY);
}
