/**
 * The /api/jobs endpoints end to end on the real M 94 frames: scrubbed downloads for the lease
 * holder only, a real stack (made once with the kernel) taken in with its location restored, its
 * thumbnail and every stacked_frames column; refused stacks; WebDAV down during intake; raws by
 * tier; untrusted volunteers agreeing and disagreeing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseHeader, readHdus, setPrimaryCards, writeFits, type Card } from '$lib/fits';
import { jobFailures, jobResults, rawFiles, stackedFrames, users } from '$lib/server/db/schema';
import { solutionColumns } from '$lib/server/solve';
import { closeVerifyPool } from '$lib/server/verify';
import { readSolution } from '$lib/solve';
import type { StackReport } from '$lib/stacking';
import { GET as listFiles } from '../../../src/routes/api/jobs/[id]/files/+server';
import { POST as complete } from '../../../src/routes/api/jobs/[id]/complete/+server';
import { POST as fail } from '../../../src/routes/api/jobs/[id]/fail/+server';
import { POST as heartbeat } from '../../../src/routes/api/jobs/[id]/heartbeat/+server';
import { GET as stats } from '../../../src/routes/api/compute/stats/+server';
import { resetTables, testDb, withDb } from '../../helpers/db';
import { startWebdavServer, type WebdavServer } from '../../helpers/webdav';
import { sha256Of, withLocalRawStorage } from '../uploads/fixtures';
import {
	BASE,
	call,
	claimAs,
	downloadAs,
	giveBackAs,
	jobRow,
	jsonPost,
	leaseGet,
	m94Frames,
	makeDue,
	observerJob,
	runner,
	stackTicket,
	submission,
	type Ticket,
	type Who
} from './helpers';

withDb();
const rawDir = withLocalRawStorage();
let stackDir: string;
let stack: { fits: Uint8Array; report: StackReport };

beforeAll(async () => {
	stackDir = await mkdtemp(join(tmpdir(), 'crowdsky-stacks-'));
	process.env.STACK_STORAGE = stackDir;
	const { owner, jobId } = await observerJob('raw');
	const who = { user: owner };
	const ticket = (await claimAs(who))!;
	expect(ticket.id).toBe(jobId);
	stack = await stackTicket(who, ticket);
	await giveBackAs(who, ticket);
}, 300_000);
afterAll(async () => {
	await closeVerifyPool();
	delete process.env.STACK_STORAGE;
	await rm(stackDir, { recursive: true, force: true });
});
beforeEach(resetTables);

const submit = (who: Who, ticket: Ticket, fits = stack.fits, report: unknown = stack.report, lease = ticket.leaseToken) =>
	call(complete, who, submission(fits, report, 1234, lease)(`${BASE}/${ticket.id}/complete`), { id: String(ticket.id) });

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

async function rawsOf(ticket: Ticket) {
	const rows = await testDb().select().from(rawFiles);
	return rows.filter((r) => ticket.files.some((f) => f.id === r.id));
}

describe('frames for the lease holder', () => {
	it('streams each frame with SITELAT/SITELONG blanked, same length, valid FITS, hash as listed', async () => {
		await observerJob();
		const holder = await runner();
		const ticket = (await claimAs(holder))!;
		expect(ticket.files).toHaveLength(6);
		const originals = new Map((await m94Frames()).map((f) => [f.name, f.bytes]));
		// Volunteers know the frames by served names; the rows say which upload each one is.
		const uploaded = new Map((await testDb().select().from(rawFiles)).map((r) => [r.id, r.filename]));

		const listed = await call(listFiles, holder, leaseGet(`${BASE}/${ticket.id}/files`, ticket.leaseToken), { id: String(ticket.id) });
		expect((await listed.json()).files).toEqual(ticket.files);

		const dir = await mkdtemp(join(tmpdir(), 'crowdsky-scrubbed-'));
		try {
			for (const file of ticket.files) {
				const response = await downloadAs(holder, ticket, file.id);
				expect(response.status).toBe(200);
				expect(response.headers.get('content-length')).toBe(String(file.size));
				const bytes = new Uint8Array(await response.arrayBuffer());
				const original = originals.get(uploaded.get(file.id)!)!;
				expect(bytes.length).toBe(original.length);
				expect(sha256Of(bytes)).toBe(file.sha256);
				const { header, end } = parseHeader(bytes);
				expect(parseHeader(original).header.number('SITELAT')).toBeCloseTo(32.8965, 4);
				expect(header.has('SITELAT')).toBe(false);
				expect(header.has('SITELONG')).toBe(false);
				expect(text(bytes.subarray(0, end))).not.toMatch(/32\.8965|-79\.7625/);
				expect(header.string('DATE-OBS')).toBe(parseHeader(original).header.string('DATE-OBS'));
				expect(Buffer.from(bytes.subarray(end)).equals(Buffer.from(original.subarray(end)))).toBe(true);
				if (file === ticket.files[0]) {
					const path = join(dir, 'frame.fit');
					await writeFile(path, bytes);
					expect(execFileSync('fitsverify', ['-q', '-e', path], { encoding: 'utf8' })).toMatch(/OK|0 error/);
				}
			}
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('refuses everyone else: 401 anonymous, 404 not the holder or not its file, 409 stale lease', async () => {
		await observerJob();
		const holder = await runner();
		const ticket = (await claimAs(holder))!;
		const fileId = ticket.files[0].id;
		expect((await downloadAs({ user: null }, ticket, fileId)).status).toBe(401);
		const stranger = await downloadAs(await runner(), ticket, fileId);
		expect(stranger.status).toBe(404);
		expect(await stranger.json()).toEqual({ message: expect.stringMatching(/not held by you/) });
		expect((await downloadAs(holder, ticket, 999_999)).status).toBe(404);
		expect((await downloadAs(holder, ticket, fileId, 'not-the-lease')).status).toBe(409);
		const beat = await call(heartbeat, holder, jsonPost(`${BASE}/${ticket.id}/heartbeat`, { stage: 'download', done: 1, total: 6 }, ticket.leaseToken), { id: String(ticket.id) });
		expect(beat.status).toBe(200);
		expect(new Date((await beat.json()).leaseExpiresAt).getTime()).toBeGreaterThan(Date.now());
		await giveBackAs(holder, ticket);
		expect((await downloadAs(holder, ticket, fileId)).status).toBe(409);
	});
});

describe('intake', () => {
	it('a trusted runner’s stack is stored with the location back, a thumbnail, every column; free-tier raws go after', async () => {
		const { owner } = await observerJob('free');
		const volunteer = await runner(true);
		const ticket = (await claimAs(volunteer, 'trusted-1'))!;
		const response = await submit(volunteer, ticket);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toEqual({ status: 'completed', stackId: expect.any(Number) });

		const [row] = await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, ticket.id));
		// Every column is filled, except a share link's hash (none until the owner shares the stack)
		// and the plate solution's, which are what the stack's own header says (checked below).
		const solution = solutionColumns(readSolution(parseHeader(stack.fits).header, 1080, 1920));
		for (const [column, value] of Object.entries(row))
			if (column !== 'shareTokenHash' && !(column in solution)) expect(value, column).not.toBeNull();
		expect(row).toMatchObject(solution);
		const aligned = stack.report.frames.filter((f) => f.status === 'aligned');
		expect(row).toMatchObject({
			id: body.stackId,
			userId: owner.id,
			objectName: 'M 94',
			nFramesInput: 6,
			nFramesAligned: aligned.length,
			nStarsDetected: stack.report.stackStars,
			storagePath: `user_${owner.id}/job_${ticket.id}/${row.chunkKey.replace('+', 'p')}.fits`,
			thumbnailPath: `user_${owner.id}/job_${ticket.id}/${row.chunkKey.replace('+', 'p')}.png`
		});
		expect(row.totalExptime).toBeCloseTo(10 * aligned.length, 3);
		expect(row.dateObsStart!.toISOString()).toMatch(/^2025-03-27T05:4[56]/);
		expect(row.dateObsEnd!.getTime()).toBeGreaterThan(row.dateObsStart!.getTime());
		expect(row.raDeg).toBeCloseTo(193.07, 1);
		expect(row.decDeg).toBeCloseTo(40.98, 1);

		const stored = new Uint8Array(await readFile(join(stackDir, row.storagePath)));
		expect(row.fileSizeBytes).toBe(stored.length);
		const { header, end } = parseHeader(stored);
		expect(header.number('SITELAT')).toBeCloseTo(32.8965, 4);
		expect(header.number('SITELONG')).toBeCloseTo(-79.7625, 4);
		expect(parseHeader(stack.fits).header.has('SITELAT')).toBe(false);
		const sentEnd = parseHeader(stack.fits).end;
		expect(Buffer.from(stored.subarray(end)).equals(Buffer.from(stack.fits.subarray(sentEnd)))).toBe(true);
		expect(readHdus(stored).map((h) => h.header.string('EXTNAME') ?? '')).toEqual(['', 'RED', 'GREEN', 'BLUE', 'FOOTPRINT', 'STAR-TAB']);

		const png = PNG.sync.read(await readFile(join(stackDir, row.thumbnailPath!)));
		expect(Math.max(png.width, png.height)).toBe(512);
		expect(png.height / png.width).toBeCloseTo(1920 / 1080, 1);
		const levels = new Set<number>();
		for (let i = 0; i < png.data.length; i += 4) levels.add(png.data[i + 1]);
		expect(levels.size).toBeGreaterThan(20); // stretched, not a flat grey

		const job = await jobRow(ticket.id);
		expect(job).toMatchObject({ status: 'completed', leaseTokenHash: null });
		const raws = await rawsOf(ticket);
		expect(raws.map((r) => r.isDeleted)).toEqual([1, 1, 1, 1, 1, 1]);
		for (const raw of raws) await expect(stat(join(rawDir(), raw.storagePath))).rejects.toThrow();
		const [ownerRow] = await testDb().select().from(users).where(eq(users.id, owner.id));
		expect(Number(ownerRow.storageUsedMb)).toBeGreaterThan(20);

		const statsResponse = await call(stats, volunteer, new Request('http://localhost/api/compute/stats'));
		expect(await statsResponse.json()).toEqual({ jobs: 1, frames: 6, cpuMs: 1234 });
		// The same completion again: the lease is gone, nothing doubles, the stored stack stays.
		expect((await submit(volunteer, ticket)).status).toBe(409);
		expect(await testDb().select().from(stackedFrames)).toHaveLength(1);
		expect((await stat(join(stackDir, row.storagePath))).size).toBe(stored.length);
	});

	it('the owner stacking in their own browser is trusted; raw-tier frames are kept', async () => {
		const { owner } = await observerJob('raw');
		const who = { user: owner };
		const ticket = (await claimAs(who))!;
		expect(await (await submit(who, ticket)).json()).toMatchObject({ status: 'completed' });
		const raws = await rawsOf(ticket);
		expect(raws.map((r) => r.isDeleted)).toEqual([0, 0, 0, 0, 0, 0]);
		for (const raw of raws) expect((await stat(join(rawDir(), raw.storagePath))).size).toBe(raw.fileSizeBytes);
	});

	it('refuses wrong stacks with 422 and retries the job; the third refusal ends it failed with that error', async () => {
		const hdus = readHdus(stack.fits);
		const primaryCards = hdus[0].header.cards.filter((c) => !['SIMPLE', 'BITPIX', 'NAXIS', 'EXTEND'].includes(c.key));
		const small = (name: string) => ({ kind: 'image' as const, name, bitpix: -32 as const, width: 8, height: 4, data: new Float32Array(32).fill(100), cards: [] });
		const wrongSize = writeFits([{ kind: 'primary', cards: primaryCards }, small('RED'), small('GREEN'), small('BLUE'), small('FOOTPRINT')]);
		const nan = stack.fits.slice();
		const red = hdus.find((h) => h.header.string('EXTNAME') === 'RED')!;
		const centre = red.dataOffset + 4 * (960 * 1080 + 540);
		nan.set([0x7f, 0xc0, 0, 0], centre);
		const set = (cards: Card[]) => setPrimaryCards(stack.fits, cards);
		const cases: [string, Uint8Array, RegExp, unknown?][] = [
			['corrupt', stack.fits.slice(0, 100_000), /not a readable FITS file/],
			['wrong size', wrongSize, /RED is 8 x 4; the job's frames are 1080 x 1920/],
			['NIMAGES', set([{ key: 'NIMAGES', value: 7 }]), /NIMAGES = 7/],
			['TOTALEXP', set([{ key: 'TOTALEXP', value: 10 }]), /TOTALEXP/],
			['NaN', nan, /RED pixel \d+ is NaN/],
			['EXPTIME', set([{ key: 'EXPTIME', value: 59 }]), /EXPTIME = 59; the aligned frames add up to 60 s/],
			['report', stack.fits, /report's frames are not this job's/, { ...stack.report, frames: stack.report.frames.map((f, i) => (i ? f : { ...f, file: 'other.fit' })) }]
		];
		for (let first = 0; first < cases.length; first += 3) {
			await resetTables();
			await observerJob();
			const volunteer = await runner(true);
			const batch = cases.slice(first, first + 3);
			for (const [i, [name, bytes, message, report]] of batch.entries()) {
				const ticket = (await claimAs(volunteer))!;
				const response = await submit(volunteer, ticket, bytes, report ?? stack.report);
				expect(response.status, name).toBe(422);
				expect((await response.json()).message, name).toMatch(message);
				const job = await jobRow(ticket.id);
				expect(job.errorMessage, name).toMatch(message);
				expect(job.status, name).toBe(i === 2 ? 'failed' : 'retry');
				expect(job.retryCount, name).toBe(i + 1);
				await makeDue(ticket.id);
			}
			expect(await testDb().select().from(stackedFrames)).toHaveLength(0);
		}
	});

	it('an untrusted worker’s refused stack is its fail: recorded, no attempt counted, the job back in the queue', async () => {
		await observerJob();
		const volunteer = await runner();
		const ticket = (await claimAs(volunteer))!;
		const response = await submit(volunteer, ticket, stack.fits.slice(0, 100_000));
		expect(response.status).toBe(422);
		expect(await jobRow(ticket.id)).toMatchObject({ status: 'pending', retryCount: 0, errorMessage: null, leaseTokenHash: null });
		expect(await testDb().select().from(jobFailures).where(eq(jobFailures.stackingJobId, ticket.id))).toMatchObject([{ trusted: 0 }]);
	});

	it('a trusted worker’s own failure report counts an attempt', async () => {
		await observerJob();
		const volunteer = await runner(true);
		const ticket = (await claimAs(volunteer))!;
		const response = await call(fail, volunteer, jsonPost(`${BASE}/${ticket.id}/fail`, { error: 'no stars found' }, ticket.leaseToken), { id: String(ticket.id) });
		expect(await response.json()).toEqual({ status: 'retry' });
		expect(await jobRow(ticket.id)).toMatchObject({ status: 'retry', retryCount: 1, errorMessage: 'no stars found' });
	});
});

describe('WebDAV down during intake', () => {
	let webdav: WebdavServer;
	beforeAll(async () => {
		webdav = await startWebdavServer();
	});
	afterAll(async () => {
		process.env.STACK_STORAGE = stackDir;
		delete process.env.WEBDAV_USERNAME;
		delete process.env.WEBDAV_PASSWORD;
		await webdav.stop();
	});

	it('answers 503, keeps the job processing and every raw; the same submission completes once it is back', async () => {
		process.env.STACK_STORAGE = webdav.url;
		process.env.WEBDAV_USERNAME = webdav.username;
		process.env.WEBDAV_PASSWORD = webdav.password;
		await observerJob('free');
		const volunteer = await runner(true);
		const ticket = (await claimAs(volunteer))!;
		await webdav.stop();
		const down = await submit(volunteer, ticket);
		expect(down.status).toBe(503);
		expect((await down.json()).message).toMatch(/unavailable/);
		expect(await jobRow(ticket.id)).toMatchObject({ status: 'processing', retryCount: 0 });
		const raws = await rawsOf(ticket);
		expect(raws.map((r) => r.isDeleted)).toEqual([0, 0, 0, 0, 0, 0]);
		for (const raw of raws) expect((await stat(join(rawDir(), raw.storagePath))).size).toBe(raw.fileSizeBytes);
		expect(await testDb().select().from(stackedFrames)).toHaveLength(0);

		await webdav.restart();
		const up = await submit(volunteer, ticket);
		expect(up.status).toBe(200);
		expect((await up.json()).status).toBe('completed');
		const [row] = await testDb().select().from(stackedFrames);
		expect((await stat(join(webdav.root, row.storagePath))).size).toBe(row.fileSizeBytes);
		expect((await rawsOf(ticket)).map((r) => r.isDeleted)).toEqual([1, 1, 1, 1, 1, 1]);
	});
});

describe('untrusted volunteers', () => {
	it('a first result waits; an independent volunteer with the same stack completes the job', async () => {
		await observerJob('free');
		const [b, c] = [{ ...(await runner()), address: '198.51.100.7' }, { ...(await runner()), address: '203.0.113.9' }];
		const first = (await claimAs(b, 'b'))!;
		// The job's frames carry its upload's telescope pseudonym: the stack the spot check expects is of these.
		const own = await stackTicket(b, first);
		expect(await (await submit(b, first, own.fits, own.report)).json()).toEqual({ status: 'awaiting-agreement' });
		expect(await jobRow(first.id)).toMatchObject({ status: 'pending', leaseTokenHash: null });
		expect((await rawsOf(first)).every((r) => r.isDeleted === 0)).toBe(true);
		const [candidate] = await testDb().select().from(jobResults);
		expect(candidate).toMatchObject({ userId: expect.any(Number), accepted: 0, trusted: 0, stackSha256: sha256Of(own.fits), spotCheck: 'passed' });
		expect((await stat(join(stackDir, candidate.storagePath!))).size).toBe(own.fits.length);
		expect(await claimAs(b, 'b')).toBeNull(); // never the same volunteer twice

		const second = (await claimAs(c, 'c'))!;
		expect(second.id).toBe(first.id);
		expect(await (await submit(c, second, own.fits, own.report)).json()).toMatchObject({ status: 'completed' });
		const results = await testDb().select().from(jobResults);
		expect(results.map((r) => r.accepted)).toEqual([1, 1]);
		await expect(stat(join(stackDir, candidate.storagePath!))).rejects.toThrow();
		expect(await testDb().select().from(stackedFrames)).toHaveLength(1);
		expect((await rawsOf(first)).every((r) => r.isDeleted === 1)).toBe(true);
		for (const who of [b, c]) {
			expect(await (await call(stats, who, new Request('http://localhost/api/compute/stats'))).json()).toEqual({ jobs: 1, frames: 6, cpuMs: 1234 });
		}
	});

	it('stacks the spot check refuses never end the job: three leave it pending with its attempts, nothing stored', async () => {
		await observerJob('free');
		for (const [i, who] of [await runner(), await runner(), await runner()].entries()) {
			const ticket = (await claimAs({ ...who, address: `203.0.${113 + i}.9` }))!;
			const variant = setPrimaryCards(stack.fits, [{ key: 'PROCDATE', value: `2025-03-2${i}T00:00:00` }]);
			const response = await submit({ ...who, address: `203.0.${113 + i}.9` }, ticket, variant);
			expect(response.status).toBe(422);
			expect((await response.json()).message).toMatch(/spot check found that/);
		}
		expect(await testDb().select().from(stackedFrames)).toHaveLength(0);
		const results = await testDb().select().from(jobResults);
		expect(results.map((r) => [r.spotCheck, r.accepted, r.storagePath])).toEqual([['failed', 0, null], ['failed', 0, null], ['failed', 0, null]]);
		expect((await testDb().select().from(rawFiles)).every((r) => r.isDeleted === 0)).toBe(true);
		expect(await jobRow(results[0].stackingJobId)).toMatchObject({ status: 'pending', retryCount: 0 });
	});
});
