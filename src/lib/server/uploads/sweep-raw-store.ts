import { inArray } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { rawFiles } from '$lib/server/db/schema';
import { isRawFramePath, rawStorage, stackStorage } from '$lib/server/storage';

/** A put still writing touches its temporary file all the time: one untouched this long was killed. */
export const TEMP_GRACE_MS = 60 * 60 * 1000;
/**
 * A frame is stored before its row is written (the row needs the path): one no row names after
 * this long was left by an upload whose database write failed or never came.
 */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
/** Paths looked up per query. */
const BATCH = 500;

/** Removes partial writes older than TEMP_GRACE_MS from both stores: how many. */
export async function removeStalePartials(now: Date): Promise<number> {
	const cutoff = new Date(now.getTime() - TEMP_GRACE_MS);
	let removed = 0;
	for (const storage of [rawStorage(), stackStorage()]) removed += await storage.removeStaleTemp(cutoff);
	return removed;
}

/**
 * Removes raw frames that no raw_files row names (marked deleted or not) and that were written
 * more than ORPHAN_GRACE_MS ago: their paths. Only paths of the raw frame shape are considered, so
 * stacks kept in the same store (RAW_STORAGE = STACK_STORAGE) are safe. Idempotent, so several
 * instances may run it at once.
 */
export async function removeOrphanRaws(now: Date): Promise<string[]> {
	const storage = rawStorage();
	const cutoff = now.getTime() - ORPHAN_GRACE_MS;
	const old = (await storage.list('')).filter((o) => o.modifiedAt.getTime() < cutoff && isRawFramePath(o.path)).map((o) => o.path);
	const removed: string[] = [];
	for (let i = 0; i < old.length; i += BATCH) {
		const batch = old.slice(i, i + BATCH);
		const rows = await getDb().select({ path: rawFiles.storagePath }).from(rawFiles).where(inArray(rawFiles.storagePath, batch));
		const named = new Set(rows.map((r) => r.path));
		for (const path of batch.filter((p) => !named.has(p))) {
			await storage.delete(path);
			removed.push(path);
		}
	}
	return removed;
}
