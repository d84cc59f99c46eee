import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { stackedFrames } from '$lib/server/db/schema';
import { deleteCandidates, logJob } from '$lib/server/jobs';
import { stackColourStars } from '$lib/server/stacks/colour-stars';
import { stackPaths, stackStorage } from '$lib/server/storage';
import { deleteRaws } from './delete-raws';
import type { JobContext } from './job-context';
import { recordStack, type ResultRow, type VerifiedBy } from './record-stack';
import { restoreLocation } from './restore-location';
import { deleteQuietly, storeObjects } from './store-objects';
import { makePictureFiles } from './thumbnail';
import type { StackFacts } from './validate-stack';

/**
 * Takes a checked stack in: location restored, picture and thumbnail made, all stored, then recorded in one
 * transaction under the worker's lease; only after that commit are the candidates and (free, pro)
 * the raws deleted. Storage down → 503 and nothing changed; a failed record removes what it stored.
 */
export async function acceptStack(
	ctx: JobContext,
	leaseHash: string,
	stack: Uint8Array,
	facts: StackFacts,
	result: ResultRow,
	verifiedBy: VerifiedBy,
	agreeing: number[] = []
): Promise<{ stackId: number }> {
	const { job, frames } = ctx;
	const fits = await restoreLocation(stack, frames[0].storagePath);
	// The stacker's Solve stage wrote the plate solution into the header: colour from the catalogue.
	const colourStars = await stackColourStars(facts.header, facts.width, facts.height);
	const { picture, thumbnail: png } = makePictureFiles({ width: facts.width, height: facts.height, ...facts.planes, footprint: facts.footprint, nimages: facts.nimages, colourStars });
	const report = new TextEncoder().encode(JSON.stringify(result.report ?? null));
	const paths = stackPaths(job.userId, job.id, job.chunkKey);
	const storage = stackStorage();
	await storeObjects(storage, [
		{ path: paths.fits, bytes: fits },
		{ path: paths.png, bytes: png },
		{ path: paths.report, bytes: report },
		{ path: paths.picture, bytes: picture }
	]);
	let stackId: number;
	try {
		const sizes = { fits: fits.length, png: png.length, report: report.length };
		stackId = await recordStack({ ctx, leaseHash, facts, paths, sizes, result, agreeing, verifiedBy });
	} catch (error) {
		// The same paths may already hold this job's accepted stack (a repeated completion): keep those.
		const [kept] = await getDb().select({ id: stackedFrames.id }).from(stackedFrames).where(eq(stackedFrames.stackingJobId, job.id));
		if (!kept) await deleteQuietly(storage, [paths.fits, paths.png, paths.report, paths.picture]);
		throw error;
	}
	logJob('complete', job.id, 'completed', { user: result.userId, worker: result.workerId, verifiedBy, stack: stackId });
	await deleteCandidates(job.id);
	await deleteRaws(ctx.ownerTier, frames);
	return { stackId };
}
