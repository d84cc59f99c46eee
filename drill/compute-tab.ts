// A volunteer's browser: headless Chromium with the observer's session on /compute, Start pressed.
// The tab rides out server restarts by itself (its job loop retries); the drill only watches its errors.
import { chromium, type Browser, type Page } from 'playwright-core';
import { SESSION_COOKIE_NAME } from '../src/lib/server/auth/cookies';
import { CHROMIUM_ARGS } from '../tests/helpers/browser';

export interface ComputeTab {
	/** Uncaught page errors (a crashed tab is a finding). */
	errors(): string[];
	/** The jobs the tab's log lists, with their outcomes. */
	log(): Promise<{ id: number; outcome: string }[]>;
	close(): Promise<void>;
}

export async function openComputeTab(baseUrl: string, cookie: string, workers: number): Promise<ComputeTab> {
	const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	const errors: string[] = [];
	try {
		const context = await browser.newContext();
		const value = cookie.slice(`${SESSION_COOKIE_NAME}=`.length);
		await context.addCookies([{ name: SESSION_COOKIE_NAME, value, url: baseUrl }]);
		const page: Page = await context.newPage();
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${baseUrl}/compute`);
		await page.waitForLoadState('networkidle');
		if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('the Compute page is not cross-origin isolated');
		await page.selectOption('[data-testid=pool-size]', String(workers));
		await page.click('[data-testid=start]');
		return {
			errors: () => [...errors],
			log: () =>
				page.locator('[data-testid=log-entry]').evaluateAll((items) =>
					items.map((li) => ({ id: Number(/job (\d+)/.exec(li.textContent ?? '')?.[1]), outcome: li.getAttribute('data-outcome') ?? '' }))
				),
			close: () => browser.close()
		};
	} catch (error) {
		await browser.close();
		throw error;
	}
}
