/**
 * The Status page in Chromium against the real server, never reloaded: an observer's uploaded M 94
 * frames show as a pending job; the job changes in the database (processing with progress) and a
 * trusted `node runner.js --once` stacks it, and the page follows by itself; a failed job in
 * another upload shows its error; deleting after confirming removes the upload from the page, the
 * database and the stores.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE_NAME } from '$lib/server/auth/cookies';
import { rawFiles, stackedFrames, stackingJobs, uploadSessions, users } from '$lib/server/db/schema';
import { rawStorage, sessionPrefix, stackStorage } from '$lib/server/storage';
import { baseUrl, DESKTOP, useBrowser, PHONE, screenshot, scrollsSideways } from '../helpers/browser';
import { createTestStackingJob, createTestUploadSession, testDb, withDb } from '../helpers/db';
import { open } from './accounts';
import { runner } from '../harness/runner-process';
import { jobsOf, observer, parkOtherJobs, trustedToken, uploadAndFinalize } from './runner-steps';

withDb({ shared: true });

const browser = useBrowser();

const jobRow = (page: Page, id: number) => page.locator(`[data-testid=job][data-job-id="${id}"]`);

async function waitForJobStatus(page: Page, id: number, status: string) {
	await page.locator(`[data-testid=job][data-job-id="${id}"][data-status=${status}]`).waitFor();
}

describe('the Status page', () => {
	it('follows a job from pending to stacked without a reload; deletes after confirming', async () => {
		const obs = await observer();
		// Reduced motion: progress bars show where they end, not mid-transition, in the screenshots.
		const context = await browser().newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
		await context.addCookies([{ name: SESSION_COOKIE_NAME, value: obs.cookie.split('=')[1], url: baseUrl() }]);
		const page = await context.newPage();

		// Nothing uploaded yet: the page points to Upload.
		await open(page, '/status');
		await page.locator('[data-testid=empty] a[href="/upload"]').waitFor();
		await page.locator('[data-testid=connection]', { hasText: 'live' }).waitFor();
		await screenshot(page, 'desktop-status-empty');

		const { sessionId } = await uploadAndFinalize(obs.cookie);
		const [job] = await jobsOf(sessionId);
		const [session] = await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, sessionId));
		// Marks this document: a reload would lose it.
		await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

		await waitForJobStatus(page, job.id, 'pending');
		const card = page.locator(`[data-testid=session][data-token="${session.sessionToken}"]`);
		expect(await card.locator('[data-testid=session-frames]').textContent()).toMatch(/^\s*6\s+frames\s*$/);
		expect(await jobRow(page, job.id).locator('[data-testid=job-state]').textContent()).toBe('pending');
		expect(await jobRow(page, job.id).locator('code').first().textContent()).toBe(job.chunkKey);
		expect(await jobRow(page, job.id).locator('[data-testid=job-frames]').textContent()).toMatch(/^\s*6 frames\b/);
		expect(await jobRow(page, job.id).locator('[data-testid=job-attempts]').textContent()).toBe('0 of 3');

		// A volunteer's heartbeat as the queue records it.
		await testDb()
			.update(stackingJobs)
			.set({ status: 'processing', workerId: 'tab-5e2e', startedAt: new Date(), progressStage: 'combine', progressDone: 3, progressTotal: 6 })
			.where(eq(stackingJobs.id, job.id));
		await waitForJobStatus(page, job.id, 'processing');
		const row = jobRow(page, job.id);
		expect(await row.locator('[data-testid=job-worker]').textContent()).toBe('tab-5e2e');
		expect(await row.locator('[data-testid=job-progress]').textContent()).toContain('Combine 3/6');
		expect(await row.locator('[role=progressbar]').getAttribute('aria-valuenow')).toBe('50');
		expect(await row.locator('[data-testid=job-attempts]').textContent()).toBe('1 of 3');

		// Another upload whose job failed three times appears too, with its error.
		const other = await createTestUploadSession(obs.id, { status: 'complete', objectName: 'NGC 7023' });
		const failed = await createTestStackingJob(obs.id, other.id, {
			chunkKey: '20240812.83_315.4_s68.2',
			objectName: 'NGC 7023',
			frameCount: 4,
			status: 'failed',
			retryCount: 3,
			workerId: 'runner-a1b2',
			errorMessage: 'only 1 of 4 frames could be aligned (too few stars)'
		});
		await waitForJobStatus(page, failed.id, 'failed');
		expect(await page.locator('[data-testid=job-error]').textContent()).toContain('only 1 of 4 frames could be aligned');
		expect(await jobRow(page, failed.id).locator('[data-testid=job-attempts]').textContent()).toBe('3 of 3');
		await screenshot(page, 'desktop-status-processing');

		// Back in the queue, then stacked for real by a trusted runner.
		await testDb()
			.update(stackingJobs)
			.set({ status: 'pending', workerId: null, progressStage: null, progressDone: null, progressTotal: null })
			.where(eq(stackingJobs.id, job.id));
		await parkOtherJobs(sessionId);
		const run = runner(['--server', baseUrl(), '--token', await trustedToken(), '--once', '--concurrency', '2']);
		// Bounded, so that a stuck runner fails here with its output rather than at the test timeout.
		const stuck = setTimeout(() => run.child.kill('SIGKILL'), 120_000);
		expect(await run.exit, run.out() + run.err()).toBe(0);
		clearTimeout(stuck);
		await waitForJobStatus(page, job.id, 'completed');
		const [stack] = await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, job.id));
		expect(await jobRow(page, job.id).locator('[data-testid=stack-link]').getAttribute('href')).toBe(`/stacks/${stack.id}`);
		// Free tier: the raws went once the stack was stored.
		await card.locator('[data-testid=session-frames]', { hasText: '0 still stored' }).waitFor();
		expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, 'desktop-status-completed');

		await page.setViewportSize(PHONE);
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, 'phone-status-completed');
		await page.setViewportSize(DESKTOP);

		// Escape cancels: nothing goes.
		await card.locator('[data-testid=delete-session]').click();
		const dialog = page.locator('[data-testid=confirm-dialog]');
		await dialog.waitFor();
		await screenshot(page, 'desktop-status-confirm');
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		expect(await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, sessionId))).toHaveLength(1);

		// Confirmed: the upload leaves the page, the database and both stores.
		const charged = Number((await testDb().select().from(users).where(eq(users.id, obs.id)))[0].storageUsedMb);
		expect(charged).toBeGreaterThan(0);
		await card.locator('[data-testid=delete-session]').click();
		const answered = page.waitForResponse((r) => r.request().method() === 'DELETE');
		await dialog.locator('button', { hasText: 'Delete upload' }).click();
		// Only the status: with the app's service worker in place, Playwright never settles this body.
		expect((await answered).status()).toBe(200);
		await card.waitFor({ state: 'detached' });
		expect(await testDb().select().from(uploadSessions).where(eq(uploadSessions.id, sessionId))).toEqual([]);
		expect(await jobsOf(sessionId)).toEqual([]);
		expect(await testDb().select().from(stackedFrames).where(eq(stackedFrames.stackingJobId, job.id))).toEqual([]);
		expect(await testDb().select().from(rawFiles).where(eq(rawFiles.uploadSessionId, sessionId))).toEqual([]);
		for (const path of [stack.storagePath, stack.thumbnailPath, stack.reportPath]) {
			if (path) expect(await stackStorage().stat(path), path).toBeNull();
		}
		expect(await rawStorage().list(sessionPrefix(obs.id, sessionId))).toEqual([]);
		expect(Number((await testDb().select().from(users).where(eq(users.id, obs.id)))[0].storageUsedMb)).toBe(0);

		// The failed job alone, then the empty page again.
		await jobRow(page, failed.id).locator('button', { hasText: 'Delete' }).click();
		await dialog.locator('button', { hasText: 'Delete job' }).click();
		await jobRow(page, failed.id).waitFor({ state: 'detached' });
		expect(await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, failed.id))).toEqual([]);
		await page.locator(`[data-testid=session][data-token="${other.sessionToken}"]`).locator('[data-testid=delete-session]').click();
		await dialog.locator('button', { hasText: 'Delete upload' }).click();
		await page.locator('[data-testid=empty]').waitFor();
		expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
		await context.close();
	});
});
