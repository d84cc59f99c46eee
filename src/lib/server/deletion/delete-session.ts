import { and, eq } from 'drizzle-orm';
import { bytesToMb, getDb, markRawsDeleted, releaseStorage } from '$lib/server/db';
import { rawFiles, stackingJobs, uploadSessions } from '$lib/server/db/schema';
import { rawStorage, sessionPrefix } from '$lib/server/storage';
import type { Deleted } from './delete-job';
import { removeStackObjects, stackObjectsOf } from './stack-objects';

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The owner deletes a whole upload session: every job's stack and candidates, every raw frame
 * (the session's folder), then the session row (raw_files, stacking_jobs, stacked_frames and
 * job_results cascade), and the stacks' and the live raws' sizes come off the owner's storage use.
 * Null when the user has no session with this token (nothing removed).
 */
export async function deleteUploadSession(userId: number, token: string): Promise<Deleted | null> {
	if (!TOKEN.test(token)) return null;
	const db = getDb();
	const [session] = await db
		.select({ id: uploadSessions.id })
		.from(uploadSessions)
		.where(and(eq(uploadSessions.sessionToken, token), eq(uploadSessions.userId, userId)));
	if (!session) return null;

	const jobs = await db
		.select({ id: stackingJobs.id })
		.from(stackingJobs)
		.where(eq(stackingJobs.uploadSessionId, session.id));
	const raws = await db
		.select({ id: rawFiles.id, path: rawFiles.storagePath, isDeleted: rawFiles.isDeleted })
		.from(rawFiles)
		.where(eq(rawFiles.uploadSessionId, session.id));
	const objects = await stackObjectsOf(db, userId, jobs.map((j) => j.id));

	const stackMb = bytesToMb(await removeStackObjects(objects));
	// Raws live in the session's folder (storage/layout.ts): one tree removal, plus any stray path.
	const folder = sessionPrefix(userId, session.id);
	for (const raw of raws) if (!raw.isDeleted && !raw.path.startsWith(`${folder}/`)) await rawStorage().delete(raw.path);
	await rawStorage().deleteTree(folder);

	const rawMb = await db.transaction(async (tx) => {
		const { freedMb } = await markRawsDeleted(tx, raws.map((r) => r.id));
		await tx.delete(uploadSessions).where(eq(uploadSessions.id, session.id));
		await releaseStorage(tx, userId, stackMb);
		return freedMb;
	});
	return { jobs: jobs.length, stacks: objects.stacks, rawFiles: raws.length, freedMb: Math.round((stackMb + rawMb) * 100) / 100 };
}
