import { getDb, markRawsDeleted } from '$lib/server/db';
import type { Tier } from '$lib/server/db/schema';
import { rawStorage } from '$lib/server/storage';
import { errorFields, log } from '$lib/server/log';

/** Tiers whose raws go once their stack is stored; `raw` keeps them. */
export const DELETES_RAWS: ReadonlySet<Tier> = new Set(['free', 'pro']);

/**
 * After the stack is committed: removes the frames of free and pro users from storage and marks
 * them deleted, their bytes coming off the owner's storage use (the stack took their place). A frame that cannot be removed now stays recorded (is_deleted 0) and is logged.
 * The file goes before its row is marked, so a crash between the two leaves a row the sweep
 * (`finishRawDeletion`) finds and finishes; repeating either step is harmless.
 */
export async function deleteRaws(tier: Tier, frames: { id: number; storagePath: string }[]): Promise<number> {
	if (!DELETES_RAWS.has(tier)) return 0;
	let deleted = 0;
	for (const frame of frames) {
		try {
			await rawStorage().delete(frame.storagePath);
			await getDb().transaction((tx) => markRawsDeleted(tx, [frame.id]));
			deleted++;
		} catch (error) {
			log('error', 'delete-failed', { path: frame.storagePath, frame: frame.id, why: 'raw frame after stacking', ...errorFields(error) });
		}
	}
	return deleted;
}
