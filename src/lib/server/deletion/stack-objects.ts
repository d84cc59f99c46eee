import { inArray } from 'drizzle-orm';
import type { Db } from '$lib/server/db';
import { jobResults, stackedFrames } from '$lib/server/db/schema';
import { candidatesFolder, jobFolder, picturePath, stackStorage, type Storage } from '$lib/server/storage';

/** What deleting some stacks or jobs removes from stack storage, and how much of it the owner was charged. */
export interface StackObjects {
	/** How many stacks (stacked_frames rows) these are. */
	stacks: number;
	/** The stacks' FITS, PNG and report JSON (stacked_frames paths): counted in storage_used_mb. */
	charged: string[];
	/** The stacks' pictures, volunteers' candidate stacks (job_results): never charged. */
	other: string[];
	folders: string[];
}

/** The paths a stacked_frames row names; all were charged to its owner. */
export function chargedPaths(stack: { storagePath: string; thumbnailPath: string | null; reportPath: string | null }): string[] {
	return unique([stack.storagePath, stack.thumbnailPath, stack.reportPath]);
}

/** The stored objects of these jobs' stacks and results; the folders intake writes per job. */
export async function stackObjectsOf(db: Db, userId: number, jobIds: number[]): Promise<StackObjects> {
	if (jobIds.length === 0) return { stacks: 0, charged: [], other: [], folders: [] };
	const stacks = await db
		.select({ storagePath: stackedFrames.storagePath, thumbnailPath: stackedFrames.thumbnailPath, reportPath: stackedFrames.reportPath })
		.from(stackedFrames)
		.where(inArray(stackedFrames.stackingJobId, jobIds));
	const results = await db
		.select({ path: jobResults.storagePath })
		.from(jobResults)
		.where(inArray(jobResults.stackingJobId, jobIds));
	const charged = unique(stacks.flatMap(chargedPaths));
	const other = unique([...stacks.map((s) => picturePath(s.storagePath)), ...results.map((r) => r.path)]).filter((path) => !charged.includes(path));
	// The storage layout's job folders: emptied folders would otherwise stay behind.
	const folders = jobIds.flatMap((id) => [jobFolder(userId, id), candidatesFolder(id)]);
	return { stacks: stacks.length, charged, other, folders };
}

/** Removes the objects; returns the bytes of the charged ones that were there. */
export async function removeStackObjects(objects: StackObjects, storage: Storage = stackStorage()): Promise<number> {
	let chargedBytes = 0;
	for (const path of objects.charged) {
		chargedBytes += (await storage.stat(path))?.size ?? 0;
		await storage.delete(path);
	}
	for (const path of objects.other) await storage.delete(path);
	for (const folder of objects.folders) await storage.deleteTree(folder);
	return chargedBytes;
}

function unique(paths: (string | null)[]): string[] {
	return [...new Set(paths.filter((p): p is string => !!p))];
}
