import type { ScrubOptions } from '$lib/fits';
import type { JobFile } from '$lib/api/jobs';
import { getDb, type Db } from '$lib/server/db';
import type { Caller } from '$lib/server/http';
import { requireHeldJob } from './held-job';
import { jobFrames, type FrameRow } from './job-frames';
import { ensureScrubbedHashes } from './scrubbed-hash';
import { sessionScrubbing } from './telescope-pseudonym';

/**
 * The name a frame has for volunteers, in the ticket, the download and the report they return:
 * made from its id, because the observer's file names carry the local time (and so the time zone).
 */
export function servedName(frame: Pick<FrameRow, 'id'>): string {
	return `${frame.id}.fit`;
}

/** The ticket's file list for frames: served names, sizes and the hashes of the scrubbed bytes. */
export async function describeFiles(frames: FrameRow[], scrub: ScrubOptions, db: Db = getDb()): Promise<JobFile[]> {
	const hashes = await ensureScrubbedHashes(frames, scrub, db);
	return frames.map((f) => ({ id: f.id, name: servedName(f), size: f.fileSizeBytes, sha256: hashes.get(f.id)! }));
}

/** GET /api/jobs/:id/files for the lease holder. */
export async function listJobFiles(caller: Caller, jobId: number, leaseToken: string | null): Promise<JobFile[]> {
	const db = getDb();
	const job = await requireHeldJob(db, caller, jobId, leaseToken);
	return describeFiles(await jobFrames(db, job), await sessionScrubbing(db, job.uploadSessionId), db);
}
