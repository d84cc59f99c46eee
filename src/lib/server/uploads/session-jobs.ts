import { asc, eq } from 'drizzle-orm';
import { stackingJobs, type JobStatus } from '$lib/server/db/schema';
import type { DbOrTx } from '$lib/server/db';

export interface JobSummary {
	id: number;
	chunkKey: string;
	telescope: string | null;
	object: string | null;
	frameCount: number;
	status: JobStatus;
}

/** The stacking jobs a session's finalize made, oldest first. */
export async function sessionJobs(db: DbOrTx, sessionId: number): Promise<JobSummary[]> {
	const rows = await db
		.select({
			id: stackingJobs.id,
			chunkKey: stackingJobs.chunkKey,
			telescope: stackingJobs.telescope,
			object: stackingJobs.objectName,
			frameCount: stackingJobs.frameCount,
			status: stackingJobs.status
		})
		.from(stackingJobs)
		.where(eq(stackingJobs.uploadSessionId, sessionId))
		.orderBy(asc(stackingJobs.id));
	// '' stands for "no telescope named" in the column (see schema.sql); clients see null.
	return rows.map((row) => ({ ...row, telescope: row.telescope || null }));
}
