import { StorageError, type Storage } from '$lib/server/storage';
import { ApiError } from '$lib/server/http';
import { errorFields, log } from '$lib/server/log';

/**
 * Writes each object; if one fails, those already written are removed and the caller is told to
 * retry later (503, `retry` says how; a worker's lease stays): nothing else changed.
 */
export async function storeObjects(
	storage: Storage,
	objects: { path: string; bytes: Uint8Array }[],
	retry = 'keep the lease and submit again shortly'
): Promise<void> {
	const written: string[] = [];
	try {
		for (const { path, bytes } of objects) {
			await storage.put(path, bytes);
			written.push(path);
		}
	} catch (error) {
		await deleteQuietly(storage, written);
		if (error instanceof StorageError) {
			throw new ApiError(503, `the stack store is unavailable (${error.message}); ${retry}`);
		}
		throw error;
	}
}

/** Clean-up must not hide the error that caused it; a leftover is logged for the operator. */
export async function deleteQuietly(storage: Storage, paths: string[]): Promise<void> {
	for (const path of paths) {
		try {
			await storage.delete(path);
		} catch (error) {
			log('error', 'delete-failed', { path, storage: storage.describe, ...errorFields(error) });
		}
	}
}
