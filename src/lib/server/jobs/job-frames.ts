import { and, asc, eq, sql } from 'drizzle-orm';
import { rawFiles } from '$lib/server/db/schema';
import type { DbOrTx } from '$lib/server/db';
import type { JobRow } from './held-job';

export type FrameRow = typeof rawFiles.$inferSelect;
type JobKey = Pick<JobRow, 'uploadSessionId' | 'chunkKey' | 'telescope'>;

/** The raw frames a job stacks: its session's live files of its chunk and telescope, oldest first. */
export function jobFrames(db: DbOrTx, job: JobKey): Promise<FrameRow[]> {
	return db.select().from(rawFiles).where(ofJob(job)).orderBy(asc(rawFiles.fitsDateObs), asc(rawFiles.id));
}

/** The frame `fileId` when it is one of the job's; a download reads this one row only. */
export async function jobFrame(db: DbOrTx, job: JobKey, fileId: number): Promise<FrameRow | undefined> {
	const [frame] = await db.select().from(rawFiles).where(and(eq(rawFiles.id, fileId), ofJob(job)));
	return frame;
}

function ofJob(job: JobKey) {
	return and(
		eq(rawFiles.uploadSessionId, job.uploadSessionId),
		eq(rawFiles.chunkKey, job.chunkKey),
		// '' in stacking_jobs.telescope stands for frames that name none (NULL in raw_files).
		eq(sql`COALESCE(${rawFiles.telescope}, '')`, job.telescope),
		eq(rawFiles.isDeleted, 0)
	);
}
