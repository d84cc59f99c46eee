/**
 * The Compute page in Chromium against the real server: an observer (free tier) uploads and
 * finalizes the twelve real Seestar frames (3 chunks); two other volunteers, one on a desktop and
 * one on a phone, each on a network of its own, press Start with two workers each. Neither is
 * trusted, so every job needs both to return the same stack and each to pass the server's spot check. In the end every job is completed with a stored FITS and PNG and a
 * `stacked_frames` row, and the observer's raws are gone from the database and the raw storage.
 */
import { createHash } from 'node:crypto';
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { jobResults, rawFiles, stackedFrames, stackingJobs } from '$lib/server/db/schema';
import { baseUrl, DESKTOP, useBrowser, PHONE, screenshot, scrollsSideways } from '../helpers/browser';
import { testDb, withDb } from '../helpers/db';
import { newPerson, open, register, userRow } from './accounts';
import { parkOtherJobs } from './runner-steps';

withDb({ shared: true });

const ROOT = new URL('../../', import.meta.url).pathname;
const DATA = path.resolve(ROOT, '../shared/data/seestar');
/** The e2e server runs in the repository with the default stores unless the environment says otherwise. */
const RAW_ROOT = path.resolve(ROOT, process.env.RAW_STORAGE ?? './data/raw');
const STACK_ROOT = path.resolve(ROOT, process.env.STACK_STORAGE ?? './data/stacks');
/** Six stacks (three jobs, two volunteers each) on a shared 2-core machine. */
const ALL_DONE_MS = 15 * 60_000;
/** How often a wait looks again: a database query, cheap beside the time a wait saves. */
const POLL_MS = 200;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const exists = (file: string) =>
	access(file).then(
		() => true,
		() => false
	);

/** Uploads and finalizes the real frames over HTTP with the observer's session cookie (as the Upload page does): the frame count and the session's id. */
async function uploadRealFrames(context: BrowserContext): Promise<{ frames: number; sessionId: number }> {
	const origin = { origin: baseUrl() };
	const created = await context.request.post(`${baseUrl()}/api/uploads`, { headers: origin });
	expect(created.status()).toBe(201);
	const { token, id } = (await created.json()) as { token: string; id: number };
	let frames = 0;
	for (const folder of ['M94_set2_20250327', 'NGC7023']) {
		for (const name of (await readdir(path.join(DATA, folder))).sort()) {
			const bytes = await readFile(path.join(DATA, folder, name));
			const query = new URLSearchParams({ name, sha256: sha256(bytes) });
			const put = await context.request.put(`${baseUrl()}/api/uploads/${token}/files?${query}`, {
				headers: { ...origin, 'content-type': 'application/octet-stream' },
				data: bytes
			});
			expect(put.status(), `${name}: ${await put.text()}`).toBe(201);
			frames++;
		}
	}
	const finalized = await context.request.post(`${baseUrl()}/api/uploads/${token}/finalize`, { headers: origin });
	expect(finalized.status(), await finalized.text()).toBe(200);
	return { frames, sessionId: id };
}

/** A free-tier observer, logged in in `context`, whose twelve real frames are stored and finalized into 3 jobs. */
async function observerWithJobs(context: BrowserContext) {
	const observer = await register(await context.newPage());
	const owner = await userRow(observer.username);
	expect(owner.tier).toBe('free');
	const { frames, sessionId } = await uploadRealFrames(context);
	expect(frames).toBe(12);
	// Jobs other test files left due would be claimed first, and stacked twice over.
	await parkOtherJobs(sessionId);
	const jobs = await jobsOf(owner.id);
	expect(jobs.map((j) => j.frameCount).sort()).toEqual([2, 4, 6]);
	const raws = await testDb().select().from(rawFiles).where(eq(rawFiles.userId, owner.id));
	expect(raws).toHaveLength(12);
	for (const raw of raws) expect(await exists(path.join(RAW_ROOT, raw.storagePath)), raw.storagePath).toBe(true);
	return owner;
}

async function jobsOf(userId: number) {
	return testDb().select().from(stackingJobs).where(eq(stackingJobs.userId, userId));
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}

async function allCompleted(userId: number) {
	return waitFor('every job completed', ALL_DONE_MS, async () => {
		const now = await jobsOf(userId);
		const failed = now.find((j) => j.status === 'failed');
		if (failed) throw new Error(`job ${failed.id} failed: ${failed.errorMessage}`);
		return now.every((j) => j.status === 'completed') ? now : undefined;
	});
}

/** One stored stack per job (FITS and PNG in the stacks storage, a row); free tier: the raws deleted in the database and in storage. */
async function expectStacksStoredAndRawsGone(userId: number, done: (typeof stackingJobs.$inferSelect)[], verifiedBy: 'crowd' | 'owner') {
	const stacks = await testDb().select().from(stackedFrames).where(eq(stackedFrames.userId, userId));
	expect(stacks.map((s) => s.stackingJobId).sort()).toEqual(done.map((j) => j.id).sort());
	for (const stack of stacks) {
		const job = done.find((j) => j.id === stack.stackingJobId)!;
		expect(stack.chunkKey).toBe(job.chunkKey);
		expect(stack.nFramesInput).toBe(job.frameCount);
		expect(stack.nFramesAligned).toBeGreaterThan(0);
		expect(stack.thumbnailPath).toMatch(/\.png$/);
		expect(stack.verifiedBy).toBe(verifiedBy);
		const fits = await readFile(path.join(STACK_ROOT, stack.storagePath));
		expect(fits.subarray(0, 30).toString('latin1')).toMatch(/^SIMPLE  =\s+T/);
		expect(fits.length).toBe(stack.fileSizeBytes);
		const png = await readFile(path.join(STACK_ROOT, stack.thumbnailPath!));
		expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
	}

	const after = await testDb().select().from(rawFiles).where(eq(rawFiles.userId, userId));
	expect(after.map((r) => r.isDeleted)).toEqual(new Array(12).fill(1));
	for (const raw of after) expect(await exists(path.join(RAW_ROOT, raw.storagePath)), raw.storagePath).toBe(false);
}

/** Holds every frame download for a while, so that a job is surely in hand when the test acts. */
async function slowDownloads(page: Page, delayMs = 1500) {
	await page.route('**/api/jobs/*/files/*', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, delayMs));
		await route.continue().catch(() => {}); // the loop may have aborted it meanwhile
	});
}

/** The job the page shows as current, once it shows one. */
async function currentJobId(page: Page): Promise<number> {
	const caption = page.locator('[data-testid=current] dl');
	await caption.waitFor();
	const rows = await jobsHeld();
	expect(rows, 'jobs held by a lease').toHaveLength(1);
	return rows[0].id;
}

/** Jobs whose lease is out (this file's tabs are the only workers). */
async function jobsHeld() {
	const rows = await testDb().select().from(stackingJobs).where(eq(stackingJobs.status, 'processing'));
	return rows.filter((j) => j.leaseTokenHash !== null);
}

/** The job ids in a tab's log of recent jobs, with their outcomes. */
async function logOf(page: Page): Promise<{ id: number; outcome: string }[]> {
	return page.locator('[data-testid=log-entry]').evaluateAll((items) =>
		items.map((li) => ({
			id: Number(/job (\d+)/.exec(li.textContent ?? '')?.[1]),
			outcome: li.getAttribute('data-outcome') ?? ''
		}))
	);
}

const browser = useBrowser();

describe('two volunteers stack an observer’s night', () => {
	it('uploads, computes in two tabs until every job is completed, stores the stacks and deletes the free-tier raws', { timeout: ALL_DONE_MS + 120_000 }, async () => {
		const observerContext = await browser().newContext({ viewport: DESKTOP });
		const owner = await observerWithJobs(observerContext);

		const tabs: { device: string; page: Page; context: BrowserContext }[] = [];
		// Two volunteers on networks of their own: only independent volunteers' stacks can agree.
		for (const [device, viewport, address] of [['desktop', DESKTOP, '198.51.100.7'], ['phone', PHONE, '203.0.113.9']] as const) {
			const context = await browser().newContext({ viewport, extraHTTPHeaders: { 'x-forwarded-for': address } });
			const page = await context.newPage();
			await register(page, newPerson('vol'));
			await open(page, '/compute');
			expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
			await page.locator('[data-testid=totals]').waitFor();
			// Every core by default, and the totals say what they count.
			const cores = await page.evaluate(() => navigator.hardwareConcurrency);
			expect(Number(await page.inputValue('[data-testid=pool-size]'))).toBe(cores);
			await expect(page.locator('[data-testid=totals-explained]').textContent()).resolves.toContain('Processor time adds up');
			expect(await page.locator('[data-testid=compute-state]').textContent()).toContain('Not computing');
			expect(await scrollsSideways(page)).toBe(false);
			await screenshot(page, `${device}-compute-idle`);
			tabs.push({ device, page, context });
		}

		for (const { page } of tabs) {
			await page.selectOption('[data-testid=pool-size]', '2');
			await page.click('[data-testid=start]');
		}
		// Both tabs at once: a tab whose first jobs are done waits for the other's, and would show no
		// current job while this waited for the other tab's screenshot.
		await Promise.all(
			tabs.map(async ({ device, page }) => {
				await page.locator('[data-testid=preview]').waitFor({ timeout: ALL_DONE_MS });
				await page.locator('[data-testid=job-object]').waitFor();
				expect(await page.locator('[data-testid=compute-state]').textContent()).toContain('Computing with 2 workers');
				expect(await scrollsSideways(page)).toBe(false);
				await screenshot(page, `${device}-compute-running`);
			})
		);

		const done = await allCompleted(owner.id);

		// Each job was stacked by both volunteers, and their two stacks agreed.
		const results = await testDb().select().from(jobResults).where(inArray(jobResults.stackingJobId, done.map((j) => j.id)));
		for (const job of done) {
			const mine = results.filter((r) => r.stackingJobId === job.id);
			expect(new Set(mine.map((r) => r.userId)).size, `job ${job.id}`).toBe(2);
			expect(new Set(mine.map((r) => r.stackSha256)).size, `job ${job.id}`).toBe(1);
			expect(mine.every((r) => r.trusted === 0 && r.spotCheck === 'passed')).toBe(true);
			expect(new Set(mine.map((r) => r.network))).toEqual(new Set(['198.51.100.0/24', '203.0.113.0/24']));
		}

		await expectStacksStoredAndRawsGone(owner.id, done, 'crowd');

		// Each tab logged the three jobs, and shows its volunteer's totals from the server.
		for (const { device, page, context } of tabs) {
			await page.locator('[data-testid=waiting]').waitFor({ timeout: 60_000 });
			const log = await logOf(page);
			expect(log.map((e) => e.id).sort(), device).toEqual(done.map((j) => j.id).sort());
			expect(log.every((e) => e.outcome === 'completed' || e.outcome === 'awaiting-agreement')).toBe(true);
			const stats = (await (await context.request.get(`${baseUrl()}/api/compute/stats`)).json()) as { jobs: number; frames: number };
			await page.locator('[data-testid=total-jobs]', { hasText: String(stats.jobs) }).waitFor();
			expect(Number(await page.locator('[data-testid=total-frames]').textContent())).toBe(stats.frames);
			expect(await scrollsSideways(page)).toBe(false);
			await screenshot(page, `${device}-compute-done`);
			await page.click('[data-testid=pause]');
			await page.locator('[data-testid=compute-state]', { hasText: 'Paused' }).waitFor();
			await context.close();
		}
		await observerContext.close();
	});
});

describe('an observer computing their own jobs', () => {
	it('Pause and closing the tab give the lease back at once; the owner’s own stacks are accepted alone', { timeout: ALL_DONE_MS + 120_000 }, async () => {
		const context = await browser().newContext({ viewport: DESKTOP });
		const owner = await observerWithJobs(context);
		let page = await context.newPage();
		await open(page, '/compute');
		await slowDownloads(page);
		await page.click('[data-testid=start]');

		// Pause mid-download: the loop aborts and returns the lease, no retry is counted.
		const paused = await currentJobId(page);
		await page.click('[data-testid=pause]');
		await page.locator('[data-testid=start]', { hasText: 'Resume' }).waitFor();
		await page.locator('[data-testid=compute-state]', { hasText: 'Paused.' }).waitFor();
		const [afterPause] = await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, paused));
		expect(afterPause.status).not.toBe('processing');
		expect(afterPause.leaseTokenHash).toBeNull();
		expect(afterPause.retryCount).toBe(0);

		// pagehide (the page going away) beacons the lease back with the token in the JSON body.
		await page.click('[data-testid=start]');
		const hidden = await currentJobId(page);
		const beacon = page.waitForRequest((r) => r.url().endsWith(`/api/jobs/${hidden}/return`) && (r.postData() ?? '').includes('leaseToken'));
		await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
		expect(JSON.parse((await beacon).postData()!)).toEqual({ leaseToken: expect.stringMatching(/.+/) });
		await waitFor('the hidden page’s lease back', 10_000, async () => ((await jobsHeld()).length === 0 ? true : undefined));

		// Really closing the tab mid-job: the lease is back long before it would expire.
		await page.click('[data-testid=start]');
		const closed = await currentJobId(page);
		await page.close({ runBeforeUnload: true });
		const leaseSeconds = Number(process.env.LEASE_SECONDS ?? 120);
		await waitFor('the closed tab’s lease back', (leaseSeconds * 1000) / 4, async () =>
			(await jobsHeld()).length === 0 ? true : undefined
		);
		for (const id of [hidden, closed]) {
			const [row] = await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, id));
			expect(row.status, `job ${id}`).not.toBe('processing');
			expect(row.retryCount, `job ${id}`).toBe(0);
		}

		// The owner's own tab is trusted: one result per job is enough.
		page = await context.newPage();
		await open(page, '/compute');
		await page.click('[data-testid=start]');
		const done = await allCompleted(owner.id);
		const results = await testDb().select().from(jobResults).where(inArray(jobResults.stackingJobId, done.map((j) => j.id)));
		expect(results.map((r) => r.stackingJobId).sort()).toEqual(done.map((j) => j.id).sort());
		expect(results.every((r) => r.trusted === 1 && r.userId === owner.id && r.accepted === 1)).toBe(true);
		expect(done.every((j) => j.retryCount === 0)).toBe(true);
		await expectStacksStoredAndRawsGone(owner.id, done, 'owner');
		await page.locator('[data-testid=log-entry][data-outcome=completed]').nth(2).waitFor();
		await context.close();
	});
});
