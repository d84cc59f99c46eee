import { and, asc, eq, isNull } from 'drizzle-orm';
import { chargeStorage, getDb } from '$lib/server/db';
import { stackedFrames } from '$lib/server/db/schema';
import { storedBytes } from '$lib/server/stacks/stored-bytes';
import { stackStorage, StorageNotFound } from '$lib/server/storage';
import { solutionColumns } from './solution-columns';
import { solveStack } from './solve-stack';

/** Stacks one sweep solves at most: a solve is well under a second, the hourly sweep stays short. */
export const SOLVES_PER_SWEEP = 20;

/**
 * Solves stored stacks never tried (plate_solved NULL: stored before solving existed), oldest
 * first, at most `limit`: each file is rewritten with its solution and its row filled, the owner
 * charged the header's growth; a stack whose file is missing is recorded unsolved. A row deleted
 * meanwhile loses the rewritten file again. Returns
 * how many were solved and how many tried.
 */
export async function solveStoredStacks(limit = SOLVES_PER_SWEEP): Promise<{ tried: number; solved: number }> {
	const db = getDb();
	const rows = await db
		.select({ id: stackedFrames.id, userId: stackedFrames.userId, path: stackedFrames.storagePath, size: stackedFrames.fileSizeBytes })
		.from(stackedFrames)
		.where(isNull(stackedFrames.plateSolved))
		.orderBy(asc(stackedFrames.id))
		.limit(limit);
	let solved = 0;
	const storage = stackStorage();
	for (const row of rows) {
		const stored = await storedBytes(row.path).catch((error) => {
			// A missing file is this stack's lasting state; any other storage error stops the step until the next sweep.
			if (error instanceof StorageNotFound) return null;
			throw error;
		});
		if (!stored) {
			const missing = solutionColumns({ state: 'unsolved', reason: 'the stored file is missing' });
			await db.update(stackedFrames).set(missing).where(and(eq(stackedFrames.id, row.id), isNull(stackedFrames.plateSolved)));
			continue;
		}
		const { bytes, columns } = await solveStack(stored);
		await storage.put(row.path, bytes);
		const updated = await db.transaction(async (tx) => {
			const [result] = await tx
				.update(stackedFrames)
				.set({ ...columns, fileSizeBytes: bytes.length })
				.where(and(eq(stackedFrames.id, row.id), isNull(stackedFrames.plateSolved)));
			if (result.affectedRows === 1) await chargeStorage(tx, row.userId, bytes.length - row.size);
			return result.affectedRows === 1;
		});
		if (!updated && !(await rowExists(row.id))) await storage.delete(row.path);
		if (columns.plateSolved === 1) solved++;
	}
	return { tried: rows.length, solved };
}

async function rowExists(id: number): Promise<boolean> {
	const found = await getDb().select({ id: stackedFrames.id }).from(stackedFrames).where(eq(stackedFrames.id, id));
	return found.length > 0;
}
