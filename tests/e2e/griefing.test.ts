/**
 * Issue 11, finding 2 against the real server: one volunteer's token that loops claim -> fail over
 * HTTP leaves every job queued, then meets the fail limit (429, Retry-After); the owner runs a
 * failed job again from the Status page on a phone, and the rerun API refuses other users' jobs
 * and jobs that have not failed.
 */
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '$lib/server/auth/api-tokens';
import { SESSION_COOKIE_NAME } from '$lib/server/auth/cookies';
import { stackingJobs } from '$lib/server/db/schema';
import { FAIL_LIMIT, SERVED_LAST_AFTER_MS } from '$lib/server/jobs';
import { baseUrl, PHONE, screenshot, scrollsSideways, useBrowser } from '../helpers/browser';
import { createTestStackingJob, createTestUploadSession, createTestUser, testDb, withDb } from '../helpers/db';
import { open } from './accounts';
import { observer } from './runner-steps';

withDb({ shared: true });

const browser = useBrowser();

async function tokenOf(userId: number): Promise<string> {
	const created = await createApiToken(userId, 'runner');
	if (!created.ok) throw new Error(created.message);
	return created.token;
}

function post(path: string, token: string, body: unknown, lease?: string): Promise<Response> {
	const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
	if (lease) headers['x-lease-token'] = lease;
	return fetch(`${baseUrl()}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe('griefing the queue', () => {
	it('a token that fails everything over HTTP leaves every job queued with no attempt used, then gets 429', async () => {
		// Jobs of three observers, old enough that the griefer's falling standing does not hide them.
		const createdAt = new Date(Date.now() - SERVED_LAST_AFTER_MS - 5000);
		const ids: number[] = [];
		for (let o = 0; o < 3; o++) {
			const owner = await createTestUser();
			const session = await createTestUploadSession(owner.id, { status: 'complete' });
			for (let j = 0; j < 4; j++) ids.push((await createTestStackingJob(owner.id, session.id, { createdAt })).id);
		}
		// Other files' jobs share this database: out of the way for this test.
		await testDb()
			.update(stackingJobs)
			.set({ runAt: new Date(Date.now() + 365 * 24 * 3600 * 1000) })
			.where(and(inArray(stackingJobs.status, ['pending', 'retry']), notInArray(stackingJobs.id, ids)));

		const griefer = await tokenOf((await createTestUser()).id);
		const failed: number[] = [];
		let refused: Response | undefined;
		for (let round = 0; round < ids.length + 1 && !refused; round++) {
			const claimed = await post('/api/jobs/claim', griefer, { workerId: 'griefer' });
			if (claimed.status === 204) break;
			expect(claimed.status).toBe(200);
			const { job } = (await claimed.json()) as { job: { id: number; leaseToken: string } };
			const answer = await post(`/api/jobs/${job.id}/fail`, griefer, { error: 'no stars found' }, job.leaseToken);
			if (answer.status === 429) refused = answer;
			else {
				expect(answer.status).toBe(200);
				failed.push(job.id);
			}
		}
		expect(failed).toHaveLength(FAIL_LIMIT.maxFailures);
		expect(new Set(failed).size).toBe(failed.length);
		expect(refused?.status).toBe(429);
		expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(((await refused?.json()) as { message: string }).message).toMatch(/too many failed jobs/);
		const rows = await testDb().select().from(stackingJobs).where(inArray(stackingJobs.id, ids));
		expect(rows.filter((r) => r.status === 'failed' || r.retryCount > 0)).toEqual([]);
	});

	it('the owner runs a failed job again from the Status page on a phone; the API refuses others and jobs not failed', async () => {
		const obs = await observer();
		const session = await createTestUploadSession(obs.id, { status: 'complete', objectName: 'M 101' });
		const failed = await createTestStackingJob(obs.id, session.id, {
			objectName: 'M 101',
			frameCount: 6,
			status: 'failed',
			retryCount: 3,
			errorMessage: 'no stars found',
			completedAt: new Date()
		});
		const pending = await createTestStackingJob(obs.id, session.id, { objectName: 'M 101' });

		const ownerToken = await tokenOf(obs.id);
		const stranger = await tokenOf((await createTestUser()).id);
		expect((await post(`/api/jobs/${failed.id}/rerun`, stranger, {})).status).toBe(404);
		const notFailed = await post(`/api/jobs/${pending.id}/rerun`, ownerToken, {});
		expect(notFailed.status).toBe(409);
		expect(((await notFailed.json()) as { message: string }).message).toMatch(/not failed/);

		const context = await browser().newContext({ viewport: PHONE, reducedMotion: 'reduce' });
		await context.addCookies([{ name: SESSION_COOKIE_NAME, value: obs.cookie.split('=')[1], url: baseUrl() }]);
		const page = await context.newPage();
		await open(page, '/status');
		const row = page.locator(`[data-testid=job][data-job-id="${failed.id}"]`);
		await row.locator('[data-testid=job-state]', { hasText: 'failed' }).waitFor();
		expect(await page.locator(`[data-testid=job][data-job-id="${pending.id}"] [data-testid=rerun-job]`).count()).toBe(0);
		await row.locator('[data-testid=rerun-job]').click();
		await page.locator('[data-testid=rerun-result]', { hasText: 'queued again' }).waitFor();
		await page.locator(`[data-testid=job][data-job-id="${failed.id}"][data-status=pending]`).waitFor();
		expect(await row.locator('[data-testid=job-attempts]').textContent()).toBe('0 of 3');
		expect(await row.locator('[data-testid=rerun-job]').count()).toBe(0);
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, 'phone-status-rerun');
		const [after] = await testDb().select().from(stackingJobs).where(eq(stackingJobs.id, failed.id));
		expect(after).toMatchObject({ status: 'pending', retryCount: 0, errorMessage: null });
		await context.close();
	});
});
