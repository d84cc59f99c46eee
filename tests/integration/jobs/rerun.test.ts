/**
 * The owner runs a failed job again (POST /api/jobs/:id/rerun) through the real handler on a real
 * MariaDB and a local stack store: attempts, error, fails and candidate stacks are cleared, and the
 * volunteers who failed it may take it again.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobFailures, jobResults, stackingJobs } from '$lib/server/db/schema';
import { MAX_ATTEMPTS } from '$lib/server/jobs';
import { candidatePath } from '$lib/server/storage';
import { POST as rerun } from '../../../src/routes/api/jobs/[id]/rerun/+server';
import { createTestUploadSession, resetTables, testDb, withDb } from '../../helpers/db';
import { BASE, call, claimAs, jobRow, jsonPost, sessionUser } from './helpers';

withDb();
beforeEach(resetTables);

let stackDir: string;
beforeAll(async () => {
	stackDir = await mkdtemp(join(tmpdir(), 'crowdsky-rerun-'));
	process.env.STACK_STORAGE = stackDir;
});
afterAll(async () => {
	await rm(stackDir, { recursive: true, force: true });
});

/** A job of `owner` that ended failed: 3 attempts, a crowd fail and a candidate stack on record. */
async function failedJob(ownerId: number, volunteerId: number): Promise<{ id: number; candidate: string }> {
	const session = await createTestUploadSession(ownerId);
	const [{ id }] = await testDb()
		.insert(stackingJobs)
		.values({ userId: ownerId, uploadSessionId: session.id, chunkKey: 'k0', status: 'failed', retryCount: MAX_ATTEMPTS, errorMessage: 'no stars found', completedAt: new Date() })
		.$returningId();
	const sha = 'a'.repeat(64);
	const candidate = candidatePath(id, volunteerId, sha);
	await mkdir(dirname(join(stackDir, candidate)), { recursive: true });
	await writeFile(join(stackDir, candidate), 'candidate stack');
	await testDb().insert(jobResults).values({ stackingJobId: id, workerId: 'w', userId: volunteerId, stackSha256: sha, storagePath: candidate, accepted: 0 });
	await testDb().insert(jobFailures).values({ stackingJobId: id, userId: volunteerId, network: '198.51.100.0/24', message: 'no stars found' });
	return { id, candidate };
}

const rerunAs = (user: Awaited<ReturnType<typeof sessionUser>>, id: number) => call(rerun, { user }, jsonPost(`${BASE}/${id}/rerun`, {}), { id: String(id) });

describe('POST /api/jobs/:id/rerun', () => {
	it('puts the owner’s failed job back to pending with everything of its failure cleared; a volunteer who failed it gets it again', async () => {
		const owner = await sessionUser();
		const volunteer = await sessionUser();
		const { id, candidate } = await failedJob(owner.id, volunteer.id);

		const response = await rerunAs(owner, id);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'pending' });
		expect(await jobRow(id)).toMatchObject({ status: 'pending', retryCount: 0, errorMessage: null, completedAt: null, runAt: null });
		expect(await testDb().select().from(jobFailures).where(eq(jobFailures.stackingJobId, id))).toEqual([]);
		expect(await testDb().select().from(jobResults).where(eq(jobResults.stackingJobId, id))).toEqual([]);
		expect(existsSync(join(stackDir, candidate))).toBe(false);
		expect(await claimAs({ user: volunteer, address: '198.51.100.7' })).toMatchObject({ id, attempt: 1 });
	});

	it('answers 404 for another user’s job and 409 for a job that has not failed', async () => {
		const owner = await sessionUser();
		const { id } = await failedJob(owner.id, owner.id);
		const other = await rerunAs(await sessionUser(), id);
		expect(other.status).toBe(404);
		expect(await jobRow(id)).toMatchObject({ status: 'failed', retryCount: MAX_ATTEMPTS });

		await testDb().update(stackingJobs).set({ status: 'pending' }).where(eq(stackingJobs.id, id));
		const pending = await rerunAs(owner, id);
		expect(pending.status).toBe(409);
		expect((await pending.json()).message).toMatch(/is pending, not failed/);
	});
});
