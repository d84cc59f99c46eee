import { eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { users, type Tier } from '$lib/server/db/schema';
import { jobFrames, servedName, type FrameRow, type JobRow } from '$lib/server/jobs';
import { readRawHeader } from './raw-header';
import type { StackExpectation } from './validate-stack';

export interface JobContext {
	job: JobRow;
	frames: FrameRow[];
	ownerTier: Tier;
}

export async function loadJobContext(job: JobRow): Promise<JobContext> {
	const db = getDb();
	const frames = await jobFrames(db, job);
	if (frames.length === 0) throw new Error(`job ${job.id} has no live frames: its raws were deleted or never finalized`);
	const [owner] = await db.select({ tier: users.tier }).from(users).where(eq(users.id, job.userId));
	return { job, frames, ownerTier: owner.tier };
}

/** What the job's frames require of a stack made from the frames named `aligned` (served names). */
export async function expectationFor(ctx: JobContext, aligned: string[]): Promise<StackExpectation> {
	const header = await readRawHeader(ctx.frames[0].storagePath);
	const byName = new Map(ctx.frames.map((f) => [servedName(f), f]));
	const starts = ctx.frames.map((f) => f.fitsDateObs?.getTime() ?? NaN).filter(Number.isFinite);
	const ends = ctx.frames.map((f) => (f.fitsDateObs?.getTime() ?? NaN) + (f.fitsExptime ?? 0) * 1000).filter(Number.isFinite);
	return {
		width: header.number('NAXIS1') ?? 0,
		height: header.number('NAXIS2') ?? 0,
		frameCount: ctx.frames.length,
		aligned: aligned.map((name) => ({ exptime: byName.get(name)?.fitsExptime ?? null })),
		span: { start: Math.min(...starts), end: Math.max(...ends) }
	};
}
