import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { jobResults, stackingJobs } from '$lib/server/db/schema';
import { lockHeldJob } from '$lib/server/jobs';
import { solutionColumns } from '$lib/server/solve';
import { readSolution } from '$lib/solve';
import { insertStack } from './insert-stack';
import type { JobContext } from './job-context';
import type { StackFacts } from './validate-stack';

export interface ResultRow {
	workerId: string;
	userId: number;
	apiTokenId: number | null;
	trusted: boolean;
	/** The network the result came from (Caller.network). */
	network: string;
	stackSha256: string;
	frames: number;
	cpuMs: number;
	/** The spot check's verdict on an untrusted result (null: trusted, not checked) and the bands it recomputed. */
	spotCheck: 'passed' | null;
	checkedBands: number;
	/** The worker's report: stored next to the stack once accepted (not a job_results column). */
	report?: unknown;
}

/** The job_results row of `result` for job `jobId`: where its stack is, and how it was taken. */
export function resultValues(
	jobId: number,
	result: ResultRow,
	taken: { storagePath: string | null; accepted: boolean; spotCheck?: 'passed' | 'failed' | null }
): typeof jobResults.$inferInsert {
	return {
		stackingJobId: jobId,
		workerId: result.workerId,
		userId: result.userId,
		apiTokenId: result.apiTokenId,
		trusted: result.trusted ? 1 : 0,
		network: result.network,
		stackSha256: result.stackSha256,
		storagePath: taken.storagePath,
		frames: result.frames,
		cpuMs: result.cpuMs,
		accepted: taken.accepted ? 1 : 0,
		spotCheck: taken.spotCheck === undefined ? result.spotCheck : taken.spotCheck,
		checkedBands: result.checkedBands
	};
}

export interface RecordInput {
	ctx: JobContext;
	leaseHash: string;
	facts: StackFacts;
	paths: { fits: string; png: string; report: string };
	sizes: { fits: number; png: number; report: number };
	result: ResultRow;
	/** Earlier candidate results this one agreed with: accepted too. */
	agreeing: number[];
	/** Who vouches for the pixels (stacked_frames.verified_by). */
	verifiedBy: VerifiedBy;
}

/** The owner's own browser, a runner with a trusted token, or independent volunteers plus the spot check. */
export type VerifiedBy = 'owner' | 'trusted' | 'crowd';

/**
 * In one transaction, and only while the worker still holds its lease: the stacked_frames row
 * with the owner's storage use, the job completed, the result(s) accepted. The unique key on
 * stacked_frames.stacking_job_id backs the lease check: one stack per job.
 */
export async function recordStack(input: RecordInput): Promise<number> {
	const { ctx, facts, paths, sizes, result } = input;
	const { job, frames } = ctx;
	return getDb().transaction(async (tx) => {
		await lockHeldJob(tx, job.id, input.leaseHash);
		const now = new Date();
		const [raDeg, decDeg] = [meanRa(frames.map((f) => f.fitsRa)), mean(frames.map((f) => f.fitsDec))];
		const id = await insertStack(
			tx,
			{
				stackingJobId: job.id,
				userId: job.userId,
				objectName: job.objectName,
				chunkKey: job.chunkKey,
				storagePath: paths.fits,
				thumbnailPath: paths.png,
				nFramesInput: frames.length,
				nFramesAligned: facts.nimages,
				totalExptime: facts.exptime,
				dateObsStart: new Date(facts.start),
				dateObsEnd: new Date(facts.end),
				raDeg,
				decDeg,
				fileSizeBytes: sizes.fits,
				nStarsDetected: facts.stars,
				reportPath: paths.report,
				// '' in stacking_jobs.telescope stands for frames that name none.
				telescope: job.telescope || null,
				filterName: facts.header.string('FILTER')?.trim().slice(0, 32) || null,
				verifiedBy: input.verifiedBy,
				// The stacker's Solve stage wrote the solution into the stack's primary header.
				...solutionColumns(readSolution(facts.header, facts.width, facts.height))
			},
			sizes.fits + sizes.png + sizes.report
		);
		await tx
			.update(stackingJobs)
			.set({ status: 'completed', completedAt: now, errorMessage: null, leaseTokenHash: null, leaseExpiresAt: null, runAt: null })
			.where(eq(stackingJobs.id, job.id));
		await tx.insert(jobResults).values(resultValues(job.id, result, { storagePath: paths.fits, accepted: true }));
		if (input.agreeing.length > 0) {
			await tx
				.update(jobResults)
				.set({ accepted: 1 })
				.where(and(eq(jobResults.stackingJobId, job.id), inArray(jobResults.id, input.agreeing)));
		}
		return id;
	});
}

function mean(values: (number | null)[]): number | null {
	const known = values.filter((v): v is number => v !== null);
	return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/** Mean RA on the circle, so frames either side of 0° average near 0°, not 180°. */
function meanRa(values: (number | null)[]): number | null {
	const known = values.filter((v): v is number => v !== null).map((v) => (v * Math.PI) / 180);
	if (known.length === 0) return null;
	const y = known.reduce((s, a) => s + Math.sin(a), 0);
	const x = known.reduce((s, a) => s + Math.cos(a), 0);
	return (((Math.atan2(y, x) * 180) / Math.PI) + 360) % 360;
}
