/**
 * Issue 11, finding 1: a forged stack must never be accepted. Real MariaDB, the real kernel (the
 * server's spot check in worker_threads), the real M 94 frames: forgeries from accounts on one
 * network or on independent ones, forged headers, star tables and transforms; and the honest path.
 */
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readHdus, setPrimaryCards } from '$lib/fits';
import { jobResults, rawFiles, stackedFrames, volunteerStanding } from '$lib/server/db/schema';
import { closeVerifyPool } from '$lib/server/verify';
import type { StackReport } from '$lib/stacking';
import { POST as complete } from '../../../src/routes/api/jobs/[id]/complete/+server';
import { resetTables, testDb, withDb } from '../../helpers/db';
import { withLocalRawStorage } from '../uploads/fixtures';
import { BASE, call, claimAs, jobRow, observerJob, runner, stackTicket, submission, type Ticket, type Who } from '../jobs/helpers';

withDb();
const rawDir = withLocalRawStorage();
let stackDir: string;

beforeAll(async () => {
	stackDir = await mkdtemp(join(tmpdir(), 'crowdsky-forged-'));
	process.env.STACK_STORAGE = stackDir;
});
afterAll(async () => {
	await closeVerifyPool();
	delete process.env.STACK_STORAGE;
	await rm(stackDir, { recursive: true, force: true });
});
beforeEach(resetTables);

/** The finding's forgery: a 400 x 400 block of 50000.0 painted into RED, GREEN and BLUE of an honest stack. */
function paintBlock(fits: Uint8Array, x0 = 300, y0 = 700, size = 400): Uint8Array {
	const out = fits.slice();
	const view = new DataView(out.buffer);
	for (const hdu of readHdus(out).filter((h) => ['RED', 'GREEN', 'BLUE'].includes(h.header.string('EXTNAME') ?? ''))) {
		const width = hdu.header.number('NAXIS1')!;
		for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) view.setFloat32(hdu.dataOffset + 4 * (y * width + x), 50000);
	}
	return out;
}

/** A volunteer with an untrusted token, from `address`. */
async function volunteer(address: string): Promise<Who & { userId: number }> {
	return { ...(await runner()), address };
}

/** An upload's job, claimed by `who`, and the honest stack of its frames (their TELESCOP pseudonym is the upload's). */
async function claimAndStack(who: Who): Promise<{ jobId: number; ticket: Ticket; stack: { fits: Uint8Array; report: StackReport } }> {
	const { jobId } = await observerJob('free');
	const ticket = (await claimAs(who))!;
	return { jobId, ticket, stack: await stackTicket(who, ticket) };
}

const submit = (who: Who, ticket: Ticket, fits: Uint8Array, report: unknown) =>
	call(complete, who, submission(fits, report, 1000, ticket.leaseToken)(`${BASE}/${ticket.id}/complete`), { id: String(ticket.id) });

async function standing(userId: number) {
	const [row] = await testDb().select().from(volunteerStanding).where(eq(volunteerStanding.userId, userId));
	return { verified: row?.verified ?? 0, disagreed: row?.disagreed ?? 0 };
}

async function rawsKept(): Promise<boolean> {
	const rows = await testDb().select().from(rawFiles);
	for (const raw of rows) if (raw.isDeleted || !(await stat(join(rawDir(), raw.storagePath)).catch(() => null))) return false;
	return rows.length === 6;
}

beforeEach(resetTables);

describe('forged stacks', () => {
	it('the finding: two accounts from one address post the same forged stack; it is never completed and the raws stay', async () => {
		const [first, second] = [await volunteer('198.51.100.7'), await volunteer('198.51.100.7')];
		const { jobId, ticket, stack } = await claimAndStack(first);
		const forged = paintBlock(stack.fits);
		for (const [who, held] of [[first, ticket], [second, null]] as const) {
			const claimed = held ?? (await claimAs(who))!;
			expect(claimed.id).toBe(jobId);
			const response = await submit(who, claimed, forged, stack.report);
			expect(response.status).toBe(422);
			expect((await response.json()).message).toMatch(/spot check found that band \d+ \(rows \d+\.\.\d+\) is not what the kernel makes/);
		}
		expect(await jobRow(jobId)).toMatchObject({ status: 'pending', retryCount: 0 });
		expect(await testDb().select().from(stackedFrames)).toHaveLength(0);
		expect(await rawsKept()).toBe(true);
	});

	it('from two independent accounts: refused by the spot check, both lose standing, the job keeps its attempts', async () => {
		const pair = [await volunteer('198.51.100.7'), await volunteer('203.0.113.9')];
		const { jobId, ticket, stack } = await claimAndStack(pair[0]);
		const forged = paintBlock(stack.fits);
		for (const [i, who] of pair.entries()) {
			const claimed = i === 0 ? ticket : (await claimAs(who))!;
			expect((await submit(who, claimed, forged, stack.report)).status).toBe(422);
			expect(await standing(who.userId)).toEqual({ verified: 0, disagreed: 1 });
			expect(await claimAs(who)).toBeNull(); // never this job again for this volunteer
		}
		expect(await jobRow(jobId)).toMatchObject({ status: 'pending', retryCount: 0 });
		const results = await testDb().select().from(jobResults);
		expect(results.map((r) => [r.spotCheck, r.accepted, r.storagePath])).toEqual([['failed', 0, null], ['failed', 0, null]]);
		expect(await testDb().select().from(stackedFrames)).toHaveLength(0);
		expect(await rawsKept()).toBe(true);
	});

	it('a forged header, star table or per-frame transform is refused, naming what is wrong', async () => {
		const whos = [await volunteer('203.0.113.9'), await volunteer('203.0.114.9'), await volunteer('203.0.115.9')];
		const { ticket, stack } = await claimAndStack(whos[0]);
		const starTab = readHdus(stack.fits).find((h) => h.header.string('EXTNAME') === 'STAR-TAB')!;
		const movedStar = stack.fits.slice();
		movedStar[starTab.dataOffset + 1] ^= 0x10; // star 0's x
		const aligned = stack.report.frames.findIndex((f) => f.status === 'aligned' && f.file !== stack.report.reference);
		const shift = (t: [[number, number, number], [number, number, number]]) => [[t[0][0], t[0][1], t[0][2] + 0.5], t[1]];
		const shifted = { ...stack.report, frames: stack.report.frames.map((f, i) => (i === aligned ? { ...f, transform: shift(f.transform!) } : f)) };
		const cases: [string, Uint8Array, unknown, RegExp][] = [
			['header', setPrimaryCards(stack.fits, [{ key: 'OBJECT', value: 'M 31' }]), stack.report, /the PRIMARY header is not what the stacker writes/],
			['star table', movedStar, stack.report, /STAR-TAB is not what the stacker writes/],
			['transform', stack.fits, shifted, new RegExp(`frame ${stack.report.frames[aligned].file}: the report's transform is`)]
		];
		for (const [i, [name, fits, report, message]] of cases.entries()) {
			const who = whos[i];
			const claimed = i === 0 ? ticket : (await claimAs(who))!;
			const response = await submit(who, claimed, fits, report);
			expect(response.status, name).toBe(422);
			expect((await response.json()).message, name).toMatch(message);
			expect(await standing(who.userId), name).toEqual({ verified: 0, disagreed: 1 });
		}
		expect(await testDb().select().from(stackedFrames)).toHaveLength(0);
	});

	it('band hashes that are not the stack’s own are refused', async () => {
		const who = await volunteer('203.0.113.9');
		const { ticket, stack } = await claimAndStack(who);
		const bands = Array.from({ length: 60 }, () => 'ab'.repeat(32));
		const response = await call(complete, who, submission(stack.fits, stack.report, 1000, ticket.leaseToken, bands)(`${BASE}/${ticket.id}/complete`), { id: String(ticket.id) });
		expect(response.status).toBe(422);
		expect((await response.json()).message).toMatch(/the hash sent for band 0 is not the hash of the stack's band 0/);
	});
});

describe('honest volunteers', () => {
	it('two accounts on one network never complete a job; an independent volunteer does, verified by the crowd, and the raws go', async () => {
		const [a, b, c] = [await volunteer('198.51.100.7'), await volunteer('198.51.100.200'), await volunteer('203.0.113.9')];
		const { jobId, ticket, stack } = await claimAndStack(a);
		expect(await (await submit(a, ticket, stack.fits, stack.report)).json()).toEqual({ status: 'awaiting-agreement' });
		const second = (await claimAs(b))!;
		expect(await (await submit(b, second, stack.fits, stack.report)).json()).toEqual({ status: 'awaiting-agreement' });
		expect(await rawsKept()).toBe(true);
		const third = (await claimAs(c))!;
		expect(third.id).toBe(jobId);
		expect(await (await submit(c, third, stack.fits, stack.report)).json()).toMatchObject({ status: 'completed' });

		const [row] = await testDb().select().from(stackedFrames);
		expect(row.verifiedBy).toBe('crowd');
		const results = await testDb().select().from(jobResults);
		expect(results.map((r) => [r.spotCheck, r.checkedBands, r.accepted])).toEqual([['passed', 60, 1], ['passed', 60, 1], ['passed', 60, 1]]);
		for (const who of [a, b, c]) expect(await standing(who.userId)).toEqual({ verified: 1, disagreed: 0 });
		expect((await testDb().select().from(rawFiles)).every((r) => r.isDeleted === 1)).toBe(true);
	});

	it('a frame the store cannot read during the check is a 503 to submit again, never a refusal that costs standing', async () => {
		const a = await volunteer('198.51.100.7');
		const { ticket, stack } = await claimAndStack(a);
		// Not the first frame: intake reads that one's header before any check.
		const raw = (await testDb().select().from(rawFiles)).at(-1)!;
		const path = join(rawDir(), raw.storagePath);
		await rename(path, `${path}.away`);
		const answer = await submit(a, ticket, stack.fits, stack.report);
		expect(answer.status).toBe(503);
		expect(await testDb().select().from(jobResults)).toEqual([]);
		expect(await standing(a.userId)).toEqual({ verified: 0, disagreed: 0 });
		await rename(`${path}.away`, path);
		expect(await (await submit(a, ticket, stack.fits, stack.report)).json()).toEqual({ status: 'awaiting-agreement' });
	});
});
