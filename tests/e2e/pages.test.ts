/** Every page, on a desktop and on a 360 px phone: it renders, fits, and is saved as a screenshot. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { baseUrl, DESKTOP, useBrowser, PHONE, screenshot, scrollsSideways } from '../helpers/browser';
import { withDb } from '../helpers/db';
import { open, register } from './accounts';

withDb({ shared: true });

const ANONYMOUS = [
	{ name: 'start', path: '/', heading: 'Stack a whole night of frames — with help from the crowd.' },
	{ name: 'login', path: '/login', heading: 'Log in' },
	{ name: 'register', path: '/register', heading: 'Create an account' },
	{ name: 'not-found', path: '/no-such-page', heading: 'There is nothing here', status: 404 }
];

const LOGGED_IN = [
	{ name: 'start-member', path: '/', heading: 'Stack a whole night of frames — with help from the crowd.' },
	{ name: 'account', path: '/account', heading: 'Account', nav: 'Account' },
	{ name: 'upload', path: '/upload', heading: 'Upload', nav: 'Upload' },
	{ name: 'status', path: '/status', heading: 'Status', nav: 'Status' },
	{ name: 'stacks', path: '/stacks', heading: 'Stacks', nav: 'Stacks' },
	{ name: 'compute', path: '/compute', heading: 'Compute', nav: 'Compute' },
	{ name: 'logout', path: '/logout', heading: 'Log out?' }
];

const browser = useBrowser();

describe.each([
	['desktop', DESKTOP],
	['phone', PHONE]
] as const)('on a %s', (device, viewport) => {
	let anonymous: BrowserContext;
	let member: BrowserContext;

	beforeAll(async () => {
		anonymous = await browser().newContext({ viewport });
		member = await browser().newContext({ viewport });
		const page = await member.newPage();
		await register(page);
		await page.fill('input[name=name]', 'garage runner');
		await page.click('button:has-text("Create token")');
		await page.locator('[data-testid=new-token]').waitFor();
		await page.close();
	});
	afterAll(async () => {
		await anonymous?.close();
		await member?.close();
	});

	it.each(ANONYMOUS)('anonymous: $path', async ({ name, path, heading, status = 200 }) => {
		const page = await anonymous.newPage();
		const response = await page.goto(`${baseUrl()}${path}`);
		expect(response?.status()).toBe(status);
		await expect(page.locator('h1').textContent()).resolves.toBe(heading);
		await expect(page.locator('header').textContent()).resolves.toMatch(/Log in\s*Register/);
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, `${device}-${name}`);
		await page.close();
	});

	it.each(LOGGED_IN)('logged in: $path', async ({ name, path, heading, nav }) => {
		const page = await member.newPage();
		const response = await page.goto(`${baseUrl()}${path}`);
		expect(response?.status()).toBe(200);
		expect(page.url()).toBe(`${baseUrl()}${path}`);
		await expect(page.locator('h1').textContent()).resolves.toBe(heading);
		const current = page.locator('header nav a[aria-current=page]');
		if (nav) await expect(current.textContent()).resolves.toBe(nav);
		else await expect(current.count()).resolves.toBe(0);
		await page.locator('header button:has-text("Log out")').waitFor();
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, `${device}-${name}`);
		await page.close();
	});

	it('shows a form error without overflowing', async () => {
		const page = await anonymous.newPage();
		await open(page, '/login');
		await page.fill('input[name=username]', 'someone_unknown');
		await page.fill('input[name=password]', 'wrong password');
		await page.click('form button:has-text("Log in")');
		await page.locator('[role=alert]').waitFor();
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, `${device}-login-error`);
		await page.close();
	});
});
