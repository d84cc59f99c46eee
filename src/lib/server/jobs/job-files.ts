import type { JobFile } from '$lib/api/jobs';
import { getDb, type Db } from '$lib/server/db';
import type { Caller } from '$lib/server/http';
import { requireHeldJob } from './held-job';
import { jobFrames, type FrameRow } from './job-frames';
import { ensureScrubbedHashes } from './scrubbed-hash';

/** The ticket's file list for frames: names, sizes and the hashes of the scrubbed bytes. */
export async function describeFiles(frames: FrameRow[], db: Db = getDb()): Promise<JobFile[]> {
	const hashes = await ensureScrubbedHashes(frames, db);
	return frames.map((f) => ({ id: f.id, name: f.filename, size: f.fileSizeBytes, sha256: hashes.get(f.id)! }));
}

/** GET /api/jobs/:id/files for the lease holder. */
export async function listJobFiles(caller: Caller, jobId: number, leaseToken: string | null): Promise<JobFile[]> {
	const db = getDb();
	const job = await requireHeldJob(db, caller, jobId, leaseToken);
	return describeFiles(await jobFrames(db, job));
}
