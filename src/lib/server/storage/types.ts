import type { Readable } from 'node:stream';

export interface StoredObject {
	path: string;
	size: number;
}

/** An object as `list` finds it: with when it was last written (a sweep's age test). */
export interface ListedObject extends StoredObject {
	modifiedAt: Date;
}

/** What `put` accepts: bytes in memory, or a stream of them that is consumed once. */
export type PutSource = Uint8Array | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/**
 * One place to keep files (raws, stacks). Paths are relative, '/'-separated, made of validated
 * segments (see `storagePath`); nothing can address anything outside the store.
 */
export interface Storage {
	readonly kind: 'local' | 'webdav';
	/** For logs and error messages; never includes a password. */
	readonly describe: string;
	/**
	 * Writes atomically: to a temporary name, then moved into place; nothing is left on failure.
	 * An error thrown by the source itself is re-thrown unchanged (after the clean-up); every
	 * other failure is a StorageError.
	 */
	put(path: string, data: PutSource): Promise<StoredObject>;
	/** Whole object as a Node Readable stream. Throws StorageNotFound if absent. */
	read(path: string): Promise<Readable>;
	/** Bytes [start, end), clamped to the object's size. Throws StorageNotFound if absent. */
	readRange(path: string, start: number, end: number): Promise<Uint8Array>;
	/** The object's size, or null when there is no file at `path`. */
	stat(path: string): Promise<StoredObject | null>;
	/** Removes one file; a missing file is fine. */
	delete(path: string): Promise<void>;
	/** Removes a folder and everything under it; a missing folder is fine. */
	deleteTree(prefix: string): Promise<void>;
	/** Every file under the folder `prefix` ('' = the whole store), sorted by path. */
	list(prefix: string): Promise<ListedObject[]>;
	/**
	 * Removes the backend's own partial writes (a put cut short by kill -9) last written before
	 * `olderThan`: the number removed. A put still writing keeps touching its file, so it stays.
	 */
	removeStaleTemp(olderThan: Date): Promise<number>;
}
