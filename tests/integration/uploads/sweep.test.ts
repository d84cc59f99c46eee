/**
 * What a kill -9 or a database failure leaves behind, and the sweep that clears it (hourly in the
 * server, `npm run sweep` by hand): partial writes in the raw store's `.tmp`, stored frames no row
 * names, and free/pro raws of an accepted stack whose deletion the crash cut short. Two sweeps at
 * once (two server instances) do it once, without errors.
 */
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawFiles, stackedFrames, type Tier } from '$lib/server/db/schema';
import { newRawFilePath, rawStorage } from '$lib/server/storage';
import { sweepAll } from '$lib/server/uploads/sweep';
import { createTestStackingJob, createTestUploadSession, createTestUser, testDb, withDb } from '../../helpers/db';
import { filesUnder, withLocalRawStorage } from './fixtures';

withDb();
const rawDir = withLocalRawStorage();

const HOUR = 3600_000;

async function age(file: string, ms: number): Promise<void> {
	const seconds = (Date.now() - ms) / 1000;
	await utimes(file, seconds, seconds);
}

/** A stored frame of the session, with its raw_files row unless `row` is false. */
async function storedFrame(userId: number, sessionId: number, chunkKey: string, row = true): Promise<string> {
	const path = newRawFilePath(userId, sessionId);
	await rawStorage().put(path, Buffer.from('frame bytes'));
	if (row) {
		await testDb().insert(rawFiles).values({ uploadSessionId: sessionId, userId, filename: `${path.slice(-12)}`, storagePath: path, fileSizeBytes: 11, sha256: '0'.repeat(64), chunkKey });
	}
	return path;
}

describe('sweepAll', () => {
	it('removes .tmp partials older than an hour, keeps fresher ones', async () => {
		const tmp = join(rawDir(), '.tmp');
		await mkdir(tmp, { recursive: true });
		await writeFile(join(tmp, 'killed-mid-put'), 'partial');
		await age(join(tmp, 'killed-mid-put'), 2 * HOUR);
		await writeFile(join(tmp, 'still-writing'), 'partial');
		const report = await sweepAll();
		expect(report.tempRemoved).toBeGreaterThanOrEqual(1);
		expect(await filesUnder(tmp)).toEqual(['still-writing']);
	});

	it('removes stored frames no row names after 24 h; keeps recorded ones and fresh ones', async () => {
		const user = await createTestUser();
		const session = await createTestUploadSession(user.id);
		const recorded = await storedFrame(user.id, session.id, 'k1');
		const orphan = await storedFrame(user.id, session.id, 'k1', false);
		const freshOrphan = await storedFrame(user.id, session.id, 'k1', false);
		// A stack in the same store (RAW_STORAGE = STACK_STORAGE) has no raw_files row either.
		const stack = `user_${user.id}/job_1/chunk.fits`;
		await rawStorage().put(stack, Buffer.from('stack'));
		for (const path of [recorded, orphan, stack]) await age(join(rawDir(), path), 25 * HOUR);

		const report = await sweepAll();
		expect(report.orphansRemoved).toEqual([orphan]);
		expect(await rawStorage().stat(orphan)).toBeNull();
		expect(await rawStorage().stat(recorded)).not.toBeNull();
		expect(await rawStorage().stat(freshOrphan)).not.toBeNull();
		expect(await rawStorage().stat(stack)).not.toBeNull();
	});

	it('finishes deleting free and pro raws of verified stacks after a crash, twice at once; raw tier, unstacked jobs and unverified stacks keep theirs', async () => {
		const jobWith = async (tier: Tier, stacked: boolean, verifiedBy: 'crowd' | null = 'crowd') => {
			const owner = await createTestUser({ tier });
			const session = await createTestUploadSession(owner.id, { status: 'complete' });
			const job = await createTestStackingJob(owner.id, session.id, { chunkKey: 'chunk', status: stacked ? 'completed' : 'pending' });
			const paths = [await storedFrame(owner.id, session.id, 'chunk'), await storedFrame(owner.id, session.id, 'chunk')];
			if (stacked) {
				await testDb().insert(stackedFrames).values({ stackingJobId: job.id, userId: owner.id, chunkKey: 'chunk', storagePath: `user_${owner.id}/job_${job.id}/chunk.fits`, verifiedBy });
			}
			return { session, paths };
		};
		const free = await jobWith('free', true);
		const pro = await jobWith('pro', true);
		const keeper = await jobWith('raw', true);
		const waiting = await jobWith('free', false);
		const unverified = await jobWith('free', true, null);

		// Two instances sweep at the same moment.
		const reports = await Promise.all([sweepAll(), sweepAll()]);
		expect(reports.every((r) => r.failed.length === 0)).toBe(true);

		const live = async (sessionId: number) =>
			(await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, sessionId))).map((r) => r.isDeleted);
		for (const gone of [free, pro]) {
			expect(await live(gone.session.id)).toEqual([1, 1]);
			for (const path of gone.paths) expect(await rawStorage().stat(path)).toBeNull();
		}
		for (const kept of [keeper, waiting, unverified]) {
			expect(await live(kept.session.id)).toEqual([0, 0]);
			for (const path of kept.paths) expect(await rawStorage().stat(path)).not.toBeNull();
		}
		// Nothing left to do: a later sweep finds no raws to delete.
		expect((await sweepAll()).rawsDeleted).toBe(0);
	});
});
