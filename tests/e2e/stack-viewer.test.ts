/**
 * The Stacks and Stack pages in Chromium under their Content Security Policy, with real stacks
 * (M 94 and NGC 7023 stacked by a trusted runner): every thumbnail shows after each of 10 reloads
 * and nothing is refused on any page a user visits.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackedFrames } from '$lib/server/db/schema';
import { baseUrl, DESKTOP, launchBrowser } from '../helpers/browser';
import { watchCsp, watchCspIn } from '../helpers/csp-watch';
import { testDb, withDb } from '../helpers/db';
import { open } from './accounts';
import { observer, observerContext, stackFolder, trustedToken } from './runner-steps';

withDb({ shared: true });

const RELOADS = 10;

let browser: Browser;
let owner: { id: number; cookie: string };
let stacks: (typeof stackedFrames.$inferSelect)[];
const m94 = () => stacks.find((s) => s.objectName === 'M 94')!;

beforeAll(async () => {
	browser = await launchBrowser();
	owner = await observer();
	const token = await trustedToken();
	await stackFolder(owner.cookie, 'M94_set2_20250327', token);
	await stackFolder(owner.cookie, 'NGC7023', token);
	stacks = await testDb().select().from(stackedFrames).where(eq(stackedFrames.userId, owner.id));
}, 600_000);
afterAll(async () => {
	await browser?.close();
});

async function watchedPage(viewport: { width: number; height: number }) {
	const context = await observerContext(browser, owner.cookie, viewport);
	await watchCspIn(context);
	const page = await context.newPage();
	return { context, page, csp: watchCsp(page) };
}

/** Each thumbnail's decoded width and computed opacity. */
function thumbnails(page: Page): Promise<{ naturalWidth: number; opacity: string }[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLImageElement>('.gallery .thumb img')].map((img) => ({
			naturalWidth: img.naturalWidth,
			opacity: getComputedStyle(img).opacity
		}))
	);
}

describe('thumbnails and the Content Security Policy', () => {
	it(`every thumbnail on /stacks is visible after each of ${RELOADS} reloads, with no CSP violation`, async () => {
		const { context, page, csp } = await watchedPage(DESKTOP);
		await open(page, '/stacks');
		expect(stacks.length).toBeGreaterThanOrEqual(3);
		for (let load = 0; load < RELOADS; load++) {
			if (load > 0) {
				await page.reload();
				await page.waitForLoadState('networkidle');
			}
			await page.locator('.gallery').scrollIntoViewIfNeeded();
			const all = { naturalWidth: expect.any(Number), opacity: '1' };
			await expect
				.poll(() => thumbnails(page), { timeout: 10_000, message: `load ${load + 1}` })
				.toEqual(stacks.map(() => all));
			for (const t of await thumbnails(page)) expect(t.naturalWidth, `load ${load + 1}`).toBeGreaterThan(0);
			expect(await csp.violations(), `CSP violations on load ${load + 1}`).toEqual([]);
		}
		expect(csp.refusals()).toEqual([]);
		await context.close();
	});

	it('no CSP violation on any page a user visits, their own share page included', async () => {
		const share = await fetch(`${baseUrl()}/api/stacks/${m94().id}/share`, {
			method: 'POST',
			headers: { cookie: owner.cookie, origin: baseUrl(), 'content-type': 'application/json' },
			body: JSON.stringify({ location: false })
		});
		expect(share.status).toBe(200);
		const sharePath = new URL(((await share.json()) as { url: string }).url).pathname;
		const { context, page, csp } = await watchedPage(DESKTOP);
		const pages = ['/', '/upload', '/stacks', `/stacks/${m94().id}`, sharePath, '/compute', '/account', '/status', '/offline'];
		for (const path of pages) {
			const response = await open(page, path);
			expect(response?.status(), path).toBe(200);
			expect(await csp.violations(), `CSP violations on ${path}`).toEqual([]);
		}
		// Logged out: the forms.
		await context.clearCookies();
		for (const path of ['/login', '/register', sharePath]) {
			await open(page, path);
			expect(await csp.violations(), `CSP violations on ${path}`).toEqual([]);
		}
		expect(csp.refusals()).toEqual([]);
		await context.close();
	});
});
