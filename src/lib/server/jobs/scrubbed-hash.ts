import { createHash } from 'node:crypto';
import { scrubbedChunks, type ScrubOptions } from '$lib/fits';
import { eq } from 'drizzle-orm';
import { getDb, type Db } from '$lib/server/db';
import { rawFiles } from '$lib/server/db/schema';
import { rawStorage } from '$lib/server/storage';
import type { FrameRow } from './job-frames';

/**
 * The SHA-256 of each frame as workers download it (scrubbed by `scrub`, the frames' session's). Uploads record it as the
 * bytes stream in; a row stored before that (an older database) is hashed from storage here, the
 * first time a job holding it is claimed, and kept.
 */
export async function ensureScrubbedHashes(frames: FrameRow[], scrub: ScrubOptions, db: Db = getDb()): Promise<Map<number, string>> {
	const hashes = new Map<number, string>();
	for (const frame of frames) {
		let hash = frame.scrubbedSha256;
		if (!hash) {
			const digest = createHash('sha256');
			for await (const chunk of scrubbedChunks(await rawStorage().read(frame.storagePath), scrub)) digest.update(chunk);
			hash = digest.digest('hex');
			await db.update(rawFiles).set({ scrubbedSha256: hash }).where(eq(rawFiles.id, frame.id));
		}
		hashes.set(frame.id, hash);
	}
	return hashes;
}
