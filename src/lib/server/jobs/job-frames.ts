import { and, asc, eq, sql } from 'drizzle-orm';
import { rawFiles } from '$lib/server/db/schema';
import type { DbOrTx } from '$lib/server/db';
import type { JobRow } from './held-job';

export type FrameRow = typeof rawFiles.$inferSelect;

/** The raw frames a job stacks: its session's live files of its chunk and telescope, oldest first. */
export function jobFrames(db: DbOrTx, job: Pick<JobRow, 'uploadSessionId' | 'chunkKey' | 'telescope'>): Promise<FrameRow[]> {
	return db
		.select()
		.from(rawFiles)
		.where(
			and(
				eq(rawFiles.uploadSessionId, job.uploadSessionId),
				eq(rawFiles.chunkKey, job.chunkKey),
				// '' in stacking_jobs.telescope stands for frames that name none (NULL in raw_files).
				eq(sql`COALESCE(${rawFiles.telescope}, '')`, job.telescope),
				eq(rawFiles.isDeleted, 0)
			)
		)
		.orderBy(asc(rawFiles.fitsDateObs), asc(rawFiles.id));
}
