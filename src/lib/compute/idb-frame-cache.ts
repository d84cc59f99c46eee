import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FrameCache } from './types';

const DB_NAME = 'crowdsky-frames';
const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

interface FrameDb extends DBSchema {
	/** The bytes, by sha256. */
	frames: { key: string; value: { sha256: string; bytes: Uint8Array } };
	/** Size and last use, kept apart so eviction never loads frame bytes. */
	entries: { key: string; value: { sha256: string; size: number; usedAt: number }; indexes: { usedAt: number } };
}

/**
 * Frames in IndexedDB (browser only), so a reload does not download them again. Past `maxBytes`
 * (default 512 MB) the least recently used frames are evicted.
 */
export function createIdbFrameCache(maxBytes = DEFAULT_MAX_BYTES): FrameCache {
	let db: Promise<IDBPDatabase<FrameDb>> | undefined;
	const open = () =>
		(db ??= openDB<FrameDb>(DB_NAME, 1, {
			upgrade(d) {
				d.createObjectStore('frames', { keyPath: 'sha256' });
				d.createObjectStore('entries', { keyPath: 'sha256' }).createIndex('usedAt', 'usedAt');
			}
		}));

	return {
		async get(sha256) {
			const d = await open();
			const row = await d.get('frames', sha256);
			if (!row) return undefined;
			await d.put('entries', { sha256, size: row.bytes.length, usedAt: Date.now() });
			return row.bytes;
		},
		async put(sha256, bytes) {
			if (bytes.length > maxBytes) return;
			const d = await open();
			const tx = d.transaction(['frames', 'entries'], 'readwrite');
			await tx.objectStore('frames').put({ sha256, bytes });
			await tx.objectStore('entries').put({ sha256, size: bytes.length, usedAt: Date.now() });
			await tx.done;
			await evict(d, maxBytes);
		}
	};
}

/** Deletes the least recently used frames until the total fits. */
async function evict(d: IDBPDatabase<FrameDb>, maxBytes: number): Promise<void> {
	const tx = d.transaction(['frames', 'entries'], 'readwrite');
	const index = tx.objectStore('entries').index('usedAt');
	let total = 0;
	for (let cursor = await index.openCursor(); cursor; cursor = await cursor.continue()) total += cursor.value.size;
	for (let cursor = await index.openCursor(); cursor && total > maxBytes; cursor = await cursor.continue()) {
		total -= cursor.value.size;
		await tx.objectStore('frames').delete(cursor.value.sha256);
		await cursor.delete();
	}
	await tx.done;
}
