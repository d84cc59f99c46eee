/**
 * The Compute page in Chromium against the real server: an observer (free tier) uploads and
 * finalizes the twelve real Seestar frames (3 chunks); two other volunteers, one on a desktop and
 * one on a phone, press Start with two workers each. Neither is trusted, so every job needs both
 * to return the same stack. In the end every job is completed with a stored FITS and PNG and a
 * `stacked_frames` row, and the observer's raws are gone from the database and the raw storage.
 */
import { createHash } from 'node:crypto';
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobResults, rawFiles, stackedFrames, stackingJobs } from '$lib/server/db/schema';
import { baseUrl, DESKTOP, launchBrowser, PHONE, screenshot, scrollsSideways } from '../helpers/browser';
import { testDb, withDb } from '../helpers/db';
import { open, register, userRow } from './accounts';

withDb({ shared: true });

const ROOT = new URL('../../', import.meta.url).pathname;
const DATA = path.resolve(ROOT, '../shared/data/seestar');
/** The e2e server runs in the repository with the default stores unless the environment says otherwise. */
const RAW_ROOT = path.resolve(ROOT, process.env.RAW_STORAGE ?? './data/raw');
const STACK_ROOT = path.resolve(ROOT, process.env.STACK_STORAGE ?? './data/stacks');
/** Six stacks (three jobs, two volunteers each) on a shared 2-core machine. */
const ALL_DONE_MS = 15 * 60_000;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const exists = (file: string) =>
	access(file).then(
		() => true,
		() => false
	);

/** Uploads and finalizes the real frames over HTTP with the observer's session cookie (as the Upload page does). */
async function uploadRealFrames(context: BrowserContext): Promise<number> {
	const origin = { origin: baseUrl() };
	const created = await context.request.post(`${baseUrl()}/api/uploads`, { headers: origin });
	expect(created.status()).toBe(201);
	const { token } = (await created.json()) as { token: string };
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
	return frames;
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
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
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

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('two volunteers stack an observer’s night', () => {
	it('uploads, computes in two tabs until every job is completed, stores the stacks and deletes the free-tier raws', { timeout: ALL_DONE_MS + 120_000 }, async () => {
		const observerContext = await browser.newContext({ viewport: DESKTOP });
		const observer = await register(await observerContext.newPage());
		const owner = await userRow(observer.username);
		expect(owner.tier).toBe('free');
		expect(await uploadRealFrames(observerContext)).toBe(12);
		const jobs = await jobsOf(owner.id);
		expect(jobs.map((j) => j.frameCount).sort()).toEqual([2, 4, 6]);
		const raws = await testDb().select().from(rawFiles).where(eq(rawFiles.userId, owner.id));
		expect(raws).toHaveLength(12);
		for (const raw of raws) expect(await exists(path.join(RAW_ROOT, raw.ucloudPath)), raw.ucloudPath).toBe(true);

		const tabs: { device: string; page: Page; context: BrowserContext }[] = [];
		for (const [device, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
			const context = await browser.newContext({ viewport });
			const page = await context.newPage();
			await register(page);
			await open(page, '/compute');
			expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
			await page.locator('[data-testid=totals]').waitFor();
			expect(await page.locator('[data-testid=compute-state]').textContent()).toContain('Not computing');
			expect(await scrollsSideways(page)).toBe(false);
			await screenshot(page, `${device}-compute-idle`);
			tabs.push({ device, page, context });
		}

		for (const { page } of tabs) {
			await page.selectOption('[data-testid=pool-size]', '2');
			await page.click('[data-testid=start]');
		}
		for (const { device, page } of tabs) {
			await page.locator('[data-testid=preview]').waitFor({ timeout: ALL_DONE_MS });
			await page.locator('[data-testid=job-object]').waitFor();
			expect(await page.locator('[data-testid=compute-state]').textContent()).toContain('Computing with 2 workers');
			expect(await scrollsSideways(page)).toBe(false);
			await screenshot(page, `${device}-compute-running`);
		}

		const done = await waitFor('every job completed', ALL_DONE_MS, async () => {
			const now = await jobsOf(owner.id);
			const failed = now.find((j) => j.status === 'failed');
			if (failed) throw new Error(`job ${failed.id} failed: ${failed.errorMessage}`);
			return now.every((j) => j.status === 'completed') ? now : undefined;
		});

		// Each job was stacked by both volunteers, and their two stacks agreed.
		const results = await testDb().select().from(jobResults).where(inArray(jobResults.stackingJobId, done.map((j) => j.id)));
		for (const job of done) {
			const mine = results.filter((r) => r.stackingJobId === job.id);
			expect(new Set(mine.map((r) => r.userId)).size, `job ${job.id}`).toBe(2);
			expect(new Set(mine.map((r) => r.stackSha256)).size, `job ${job.id}`).toBe(1);
			expect(mine.every((r) => r.trusted === 0)).toBe(true);
		}

		const stacks = await testDb().select().from(stackedFrames).where(eq(stackedFrames.userId, owner.id));
		expect(stacks.map((s) => s.stackingJobId).sort()).toEqual(done.map((j) => j.id).sort());
		for (const stack of stacks) {
			const job = done.find((j) => j.id === stack.stackingJobId)!;
			expect(stack.chunkKey).toBe(job.chunkKey);
			expect(stack.nFramesInput).toBe(job.frameCount);
			expect(stack.nFramesAligned).toBeGreaterThan(0);
			expect(stack.thumbnailPath).toMatch(/\.png$/);
			const fits = await readFile(path.join(STACK_ROOT, stack.ucloudPath));
			expect(fits.subarray(0, 30).toString('latin1')).toMatch(/^SIMPLE  =\s+T/);
			expect(fits.length).toBe(stack.fileSizeBytes);
			const png = await readFile(path.join(STACK_ROOT, stack.thumbnailPath!));
			expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
		}

		// Free tier: once the stacks are stored, the raws are deleted, in the database and in storage.
		const after = await testDb().select().from(rawFiles).where(eq(rawFiles.userId, owner.id));
		expect(after.map((r) => r.isDeleted)).toEqual(new Array(12).fill(1));
		for (const raw of after) expect(await exists(path.join(RAW_ROOT, raw.ucloudPath)), raw.ucloudPath).toBe(false);

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
