/** Headless Debian Chromium for e2e tests, and screenshots for people to look at. */
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

const SCREENSHOT_DIR = new URL('../../test-results/screenshots/', import.meta.url).pathname;

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The app under test, started by tests/helpers/global-server.ts. */
/** One Chromium for a test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});
	return () => {
		if (!browser) throw new Error('the browser is launched in beforeAll: call this inside a hook or a test');
		return browser;
	};
}

export function baseUrl(): string {
	const url = inject('baseUrl');
	if (!url) throw new Error('no baseUrl provided: list tests/helpers/global-server.ts in globalSetup');
	return url;
}

/** Saves the whole page as test-results/screenshots/<name>.png and returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name "${name}" must be letters, digits, . _ -`);
	await mkdir(SCREENSHOT_DIR, { recursive: true });
	const path = `${SCREENSHOT_DIR}${name}.png`;
	// From the top, so a sticky header sits where a visitor first sees it.
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path, fullPage: true });
	return path;
}

/** True when the page is wider than the viewport, i.e. it scrolls sideways. */
export function scrollsSideways(page: Page): Promise<boolean> {
	return page.evaluate(
		() => document.documentElement.scrollWidth > document.documentElement.clientWidth
	);
}
