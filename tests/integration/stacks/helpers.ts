/**
 * Stacks for the stacks tests: one real stack of the 6 M 94 frames, taken in through the real
 * completion endpoint (so intake's new columns and report are exercised), and cheap copies of it
 * under other rows (object, time, telescope, filter, position) for the filter tests.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { healpixRing, HEALPIX_NSIDE } from '$lib/chunks';
import { rawFiles, stackedFrames, stackingJobs, uploadSessions } from '$lib/server/db/schema';
import { withOwnerNames } from '$lib/server/intake/report-names';
import { stackPaths, stackStorage } from '$lib/server/storage';
import { POST as complete } from '../../../src/routes/api/jobs/[id]/complete/+server';
import { testDb } from '../../helpers/db';
import { BASE, call, claimAs, jobRow, observerJob, stackTicket, submission, type Who } from '../jobs/helpers';

export interface RealStack {
	owner: Who;
	ownerId: number;
	id: number;
	fits: Uint8Array;
	/** As the owner reads it: the frames under their file names. */
	report: unknown;
}

/** The owner uploads the M 94 frames, claims the job, stacks it with the real kernel and completes it. */
export async function realStack(): Promise<RealStack> {
	const { owner, jobId } = await observerJob('raw');
	const who: Who = { user: owner };
	const ticket = (await claimAs(who))!;
	expect(ticket.id).toBe(jobId);
	const { fits, report } = await stackTicket(who, ticket);
	const response = await call(complete, who, submission(fits, report, 1000, ticket.leaseToken)(`${BASE}/${ticket.id}/complete`), {
		id: String(ticket.id)
	});
	expect(response.status).toBe(200);
	const [row] = await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, jobId));
	const stored = await readStored(row.storagePath);
	const frames = await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, (await jobRow(jobId)).uploadSessionId));
	return { owner: who, ownerId: owner.id, id: row.id, fits: stored, report: withOwnerNames(report, frames) };
}

export async function readStored(path: string): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	for await (const chunk of await stackStorage().read(path)) chunks.push(chunk as Buffer);
	return new Uint8Array(Buffer.concat(chunks));
}

export interface FakeStack {
	object?: string | null;
	start?: Date;
	minutes?: number;
	telescope?: string | null;
	filter?: string | null;
	ra?: number;
	dec?: number;
	fits?: Uint8Array;
}

let counter = 0;

/** A stack row of `userId` with its own stored FITS and PNG (bytes given or small stand-ins). */
export async function fakeStack(userId: number, s: FakeStack = {}): Promise<number> {
	const db = testDb();
	const start = s.start ?? new Date(Date.UTC(2025, 2, 27, 5, 45));
	const ra = s.ra ?? 192.7;
	const dec = s.dec ?? 41.1;
	const key = `20250327.${String(++counter).padStart(2, '0')}_${ra.toFixed(1).padStart(5, '0')}_+${dec.toFixed(1)}`;
	const [{ id: sessionId }] = await db
		.insert(uploadSessions)
		.values({ userId, sessionToken: randomBytes(16).toString('hex'), status: 'complete' })
		.$returningId();
	const [{ id: jobId }] = await db
		.insert(stackingJobs)
		.values({ userId, uploadSessionId: sessionId, chunkKey: key, status: 'completed' })
		.$returningId();
	const paths = stackPaths(userId, jobId, key);
	const fits = s.fits ?? new TextEncoder().encode(`fits of job ${jobId}`);
	await stackStorage().put(paths.fits, fits);
	await stackStorage().put(paths.png, new TextEncoder().encode(`png of job ${jobId}`));
	const [{ id }] = await db
		.insert(stackedFrames)
		.values({
			stackingJobId: jobId,
			userId,
			objectName: s.object === undefined ? 'M 94' : s.object,
			chunkKey: key,
			storagePath: paths.fits,
			thumbnailPath: paths.png,
			nFramesInput: 6,
			nFramesAligned: 5,
			totalExptime: 50,
			dateObsStart: start,
			dateObsEnd: new Date(start.getTime() + (s.minutes ?? 1) * 60_000),
			raDeg: ra,
			decDeg: dec,
			fileSizeBytes: fits.length,
			telescope: s.telescope === undefined ? 'S50_1d3fe189' : s.telescope,
			filterName: s.filter === undefined ? 'IRCUT' : s.filter,
			healpix: healpixRing(HEALPIX_NSIDE, ra, dec)
		})
		.$returningId();
	return id;
}
