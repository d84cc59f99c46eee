/**
 * Steps shared by the e2e tests that need real jobs and stacks: a logged-in observer, real Seestar
 * frames uploaded through /api/uploads and finalized, a trusted runner token, and the queue
 * cleared for this test's job (`node runner.js` itself is started with tests/harness/runner-process.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { createApiToken } from '$lib/server/auth/api-tokens';
import { SESSION_COOKIE_NAME } from '$lib/server/auth/cookies';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { apiTokens, stackedFrames, stackingJobs } from '$lib/server/db/schema';
import { baseUrl } from '../helpers/browser';
import { createTestUser, testDb } from '../helpers/db';
import { runner } from '../harness/runner-process';
import { runCached } from '../helpers/run-cache';
import { SEESTAR } from '../unit/stacking/helpers';

/** The real frames of one folder of ../shared/data/seestar, sorted by name. */
function framesOf(folder: string) {
	const dir = join(SEESTAR, folder);
	return readdirSync(dir)
		.filter((f) => f.endsWith('.fit'))
		.sort()
		.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}

/** A free-tier observer logged in (a session row and its cookie, as /login would set). */
export async function observer(): Promise<{ id: number; cookie: string }> {
	const user = await createTestUser({ tier: 'free' });
	const token = generateSessionToken();
	await createSession(token, user.id);
	return { id: user.id, cookie: `${SESSION_COOKIE_NAME}=${token}` };
}

/** A browser context logged in with `observer()`'s cookie. */
export async function observerContext(
	browser: Browser,
	cookie: string,
	viewport: { width: number; height: number }
): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport, acceptDownloads: true });
	await context.addCookies([{ name: SESSION_COOKIE_NAME, value: cookie.split('=')[1], url: baseUrl() }]);
	return context;
}

/** Uploads a folder's frames (the six M 94 ones by default) through the upload API and finalizes: the session's id and token. */
export async function uploadAndFinalize(cookie: string, folder = 'M94_set2_20250327', base = baseUrl()): Promise<{ sessionId: number; token: string }> {
	const headers = { cookie, origin: base };
	const opened = await fetch(`${base}/api/uploads`, { method: 'POST', headers });
	expect(opened.status).toBe(201);
	const { token, id } = (await opened.json()) as { token: string; id: number };
	for (const f of framesOf(folder)) {
		const sha = createHash('sha256').update(f.bytes).digest('hex');
		const url = `${base}/api/uploads/${token}/files?name=${encodeURIComponent(f.name)}&sha256=${sha}`;
		const put = await fetch(url, { method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: f.bytes });
		expect(put.status, await put.clone().text()).toBe(201);
	}
	const fin = await fetch(`${base}/api/uploads/${token}/finalize`, { method: 'POST', headers });
	expect(fin.status, await fin.clone().text()).toBe(200);
	return { sessionId: id, token };
}

/** A second user's API token, marked trusted by an operator. */
export async function trustedToken(): Promise<string> {
	const volunteer = await createTestUser();
	const created = await createApiToken(volunteer.id, 'runner');
	if (!created.ok) throw new Error(created.message);
	await testDb().update(apiTokens).set({ trusted: 1 }).where(eq(apiTokens.id, created.summary.id));
	return created.token;
}


/**
 * Other test files' jobs share this database and the queue hands out the oldest first: those still
 * due are moved to next year so that the runner here gets this test's job.
 */
export async function parkOtherJobs(sessionId: number): Promise<void> {
	await testDb()
		.update(stackingJobs)
		.set({ runAt: new Date(Date.now() + 365 * 24 * 3600 * 1000) })
		.where(and(inArray(stackingJobs.status, ['pending', 'retry']), ne(stackingJobs.uploadSessionId, sessionId)));
}

export async function jobsOf(sessionId: number) {
	return testDb().select().from(stackingJobs).where(eq(stackingJobs.uploadSessionId, sessionId));
}

/** Uploads a folder of ../shared/data/seestar/'s frames and stacks every job of that upload with a trusted runner, one job per run. */
export async function stackFolder(cookie: string, folder: string, token: string): Promise<void> {
	const { sessionId } = await uploadAndFinalize(cookie, folder);
	await parkOtherJobs(sessionId);
	for (const _ of await jobsOf(sessionId)) {
		const run = runner(['--server', baseUrl(), '--token', token, '--once', '--concurrency', '2']);
		expect(await run.exit, run.out() + run.err()).toBe(0);
	}
	for (const job of await jobsOf(sessionId)) expect(['completed', 'failed']).toContain(job.status);
}

/**
 * An observer whose M 94 and NGC 7023 frames a trusted runner has stacked, and the stacks' rows.
 * Made once per test run (three runner stackings) and shared by the files that look at these stacks:
 * they must leave them as they found them (a test that deletes a stack deletes one of its own).
 */
export async function observerWithStacks(): Promise<{ owner: { id: number; cookie: string }; stacks: (typeof stackedFrames.$inferSelect)[] }> {
	const made = await runCached('e2e observer with stacks', async () => {
		const owner = await observer();
		const token = await trustedToken();
		await stackFolder(owner.cookie, 'M94_set2_20250327', token);
		await stackFolder(owner.cookie, 'NGC7023', token);
		return new TextEncoder().encode(JSON.stringify(owner));
	});
	const owner = JSON.parse(new TextDecoder().decode(made)) as { id: number; cookie: string };
	return { owner, stacks: await testDb().select().from(stackedFrames).where(eq(stackedFrames.userId, owner.id)) };
}
