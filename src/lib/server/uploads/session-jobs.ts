import { asc, eq } from 'drizzle-orm';
import type { SessionJob } from '$lib/api/uploads';
import type { DbOrTx } from '$lib/server/db';
import { stackingJobs } from '$lib/server/db/schema';

/** The stacking jobs a session's finalize made, oldest first. */
export async function sessionJobs(db: DbOrTx, sessionId: number): Promise<SessionJob[]> {
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
