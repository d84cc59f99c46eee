import { and, eq, inArray, sql } from 'drizzle-orm';
import { bytesToMb, getDb, markRawsDeleted, releaseStorage } from '$lib/server/db';
import { rawFiles, stackingJobs } from '$lib/server/db/schema';
import { rawStorage } from '$lib/server/storage';
import { removeStackObjects, stackObjectsOf } from './stack-objects';

export interface Deleted {
	jobs: number;
	stacks: number;
	rawFiles: number;
	/** Taken off the owner's storage use. */
	freedMb: number;
}

/**
 * The owner deletes one job: its stack (FITS, PNG, report), candidate stacks, its raw frames
 * (files and rows), then the job row (stacked_frames and job_results cascade), and the stack's
 * and the live raws' sizes come off the owner's storage use. Null when the user has no such job (nothing removed).
 * A job being processed can go too: its worker's next heartbeat or result is refused.
 */
export async function deleteJob(userId: number, jobId: number): Promise<Deleted | null> {
	const db = getDb();
	const [job] = await db
		.select({ id: stackingJobs.id, sessionId: stackingJobs.uploadSessionId, chunkKey: stackingJobs.chunkKey, telescope: stackingJobs.telescope })
		.from(stackingJobs)
		.where(and(eq(stackingJobs.id, jobId), eq(stackingJobs.userId, userId)));
	if (!job) return null;

	// The job's frames as jobs/job-frames.ts picks them, deleted ones included (their rows go too).
	const raws = await db
		.select({ id: rawFiles.id, path: rawFiles.storagePath, isDeleted: rawFiles.isDeleted })
		.from(rawFiles)
		.where(
			and(
				eq(rawFiles.uploadSessionId, job.sessionId),
				eq(rawFiles.chunkKey, job.chunkKey),
				eq(sql`COALESCE(${rawFiles.telescope}, '')`, job.telescope)
			)
		);
	const objects = await stackObjectsOf(db, userId, [job.id]);

	const stackMb = bytesToMb(await removeStackObjects(objects));
	for (const raw of raws) if (!raw.isDeleted) await rawStorage().delete(raw.path);

	const rawMb = await db.transaction(async (tx) => {
		const { freedMb } = await markRawsDeleted(tx, raws.map((r) => r.id));
		if (raws.length > 0) await tx.delete(rawFiles).where(inArray(rawFiles.id, raws.map((r) => r.id)));
		await tx.delete(stackingJobs).where(eq(stackingJobs.id, job.id));
		await releaseStorage(tx, userId, stackMb);
		return freedMb;
	});
	return { jobs: 1, stacks: objects.stacks, rawFiles: raws.length, freedMb: Math.round((stackMb + rawMb) * 100) / 100 };
}
