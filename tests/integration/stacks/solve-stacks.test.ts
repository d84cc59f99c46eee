/**
 * Plate solving on the server, with the real kernel, catalogue tiles and MariaDB: a telescope stack
 * made from a real M 94 frame is solved when uploaded (the row's solution columns, the WCS in the
 * stored file), and the sweep step solves stacks stored before solving existed, a bounded number
 * per run, recording the unreadable ones as unsolved.
 */
import { readFileSync } from 'node:fs';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { separationDeg } from '$lib/chunks/pointing';
import { parseHeader } from '$lib/fits';
import { stackedFrames, users } from '$lib/server/db/schema';
import { solveStoredStacks } from '$lib/server/solve';
import { closeVerifyPool } from '$lib/server/verify';
import { readSolution } from '$lib/solve';
import { POST as upload } from '../../../src/routes/api/stacks/+server';
import { testDb, withDb } from '../../helpers/db';
import { seestarCube } from '../../unit/solve/seestar-cube';
import { M94 } from '../../unit/stacking/helpers';
import { call, sessionUser } from '../jobs/helpers';
import { withLocalRawStorage, withLocalStackStorage } from '../uploads/fixtures';
import { fakeStack, readStored, realStack } from './helpers';

withDb();
withLocalRawStorage();
withLocalStackStorage();
afterAll(() => closeVerifyPool());

// solve-field (index 4108) on the stack of the six M 94 frames, whose reference is the first.
const SOLVE_FIELD_CENTRE = [192.751672, 41.121984] as const;

async function rowOf(id: number) {
	return (await testDb().select().from(stackedFrames).where(eq(stackedFrames.id, id)))[0];
}

/** The row's solution columns agree with the stored file's primary header, read independently. */
function expectRowMatchesFile(row: typeof stackedFrames.$inferSelect, stored: Uint8Array, width: number, height: number) {
	const solution = readSolution(parseHeader(stored).header, width, height);
	expect(solution.state).toBe('solved');
	if (solution.state !== 'solved') return;
	expect(row.wcsRaDeg).toBeCloseTo(solution.centre.ra, 9);
	expect(row.wcsDecDeg).toBeCloseTo(solution.centre.dec, 9);
	expect(row.wcsRotationDeg).toBeCloseTo(solution.rotation, 9);
	expect(row.wcsScaleArcsec).toBeCloseTo(solution.scale, 9);
	expect(row.wcsParity).toBe(solution.parity);
	expect(row.wcsMatches).toBe(solution.matches);
	expect(row.wcsFootprint).toEqual(solution.footprint.map((p) => [p.ra, p.dec]));
	expect(row.fileSizeBytes).toBe(stored.length);
}

describe('solving stacks on the server', () => {
	it('solves a telescope stack uploaded through the API and stores its WCS', async () => {
		const who = { user: await sessionUser() };
		const cube = seestarCube(new Uint8Array(readFileSync(`${M94}/Light_M 94_10.0s_IRCUT_20250327-014513.fit`)));
		const form = new FormData();
		form.set('stack', new Blob([cube as Uint8Array<ArrayBuffer>]), 'm94.fits');
		const response = await call(upload, who, new Request('http://localhost/api/stacks', { method: 'POST', body: form }));
		expect(response.status).toBe(201);
		const row = await rowOf((await response.json()).id);
		console.log('uploaded telescope stack:', { centre: [row.wcsRaDeg, row.wcsDecDeg], rotation: row.wcsRotationDeg, scale: row.wcsScaleArcsec, matches: row.wcsMatches, rms: row.wcsRmsArcsec });
		expect(row).toMatchObject({ plateSolved: 1, solveReason: null, wcsParity: 'flipped' });
		expect(separationDeg(row.wcsRaDeg!, row.wcsDecDeg!, ...SOLVE_FIELD_CENTRE) * 3600).toBeLessThan(10);
		expect(row.wcsMatches).toBeGreaterThanOrEqual(8);
		expect(row.wcsFootprint).toHaveLength(4);
		expectRowMatchesFile(row, await readStored(row.storagePath), 1080, 1920);
	});

	it('the sweep step solves stacks stored before solving, a bounded number per run', async () => {
		const stack = await realStack();
		// As a row stored before the migration: never tried.
		await testDb().update(stackedFrames).set({ plateSolved: null, wcsRaDeg: null, wcsFootprint: null }).where(eq(stackedFrames.id, stack.id));
		const [{ storageUsedMb: before }] = await testDb().select().from(users).where(eq(users.id, stack.ownerId));
		const sizeBefore = (await rowOf(stack.id)).fileSizeBytes;
		const junk = [await fakeStack(stack.ownerId), await fakeStack(stack.ownerId)];

		expect(await solveStoredStacks(2)).toEqual({ tried: 2, solved: 1 });
		const row = await rowOf(stack.id);
		const stored = await readStored(row.storagePath);
		console.log('swept CrowdSky stack:', { centre: [row.wcsRaDeg, row.wcsDecDeg], matches: row.wcsMatches, rms: row.wcsRmsArcsec, grew: stored.length - sizeBefore });
		expect(row.plateSolved).toBe(1);
		expect(separationDeg(row.wcsRaDeg!, row.wcsDecDeg!, ...SOLVE_FIELD_CENTRE) * 3600).toBeLessThan(10);
		expectRowMatchesFile(row, stored, 1080, 1920);
		const [{ storageUsedMb: after }] = await testDb().select().from(users).where(eq(users.id, stack.ownerId));
		expect(Number(after) - Number(before)).toBeCloseTo(Math.round(((stored.length - sizeBefore) / 1048576) * 100) / 100, 2);

		// The first junk stack was the second of the two tried: unsolved with the reason, its file untouched.
		const [first, second] = await testDb().select().from(stackedFrames).where(inArray(stackedFrames.id, junk)).orderBy(stackedFrames.id);
		expect(first).toMatchObject({ plateSolved: 0, solveReason: expect.stringMatching(/^unreadable for the solver: /) });
		expect(new TextDecoder().decode(await readStored(first.storagePath))).toMatch(/^fits of job \d+$/);
		expect(second.plateSolved).toBeNull();
		expect(await solveStoredStacks(2)).toEqual({ tried: 1, solved: 0 });
		expect(await solveStoredStacks(2)).toEqual({ tried: 0, solved: 0 });
	});
});
