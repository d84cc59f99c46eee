/** Forged cross-site requests carrying a logged-in person's cookie are refused and change nothing. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CROSS_SITE_MESSAGE, SESSION_COOKIE_NAME } from '$lib/server/auth';
import { baseUrl, launchBrowser } from '../helpers/browser';
import { withDb } from '../helpers/db';
import { countSessions, register, tokensOf, userRow } from './accounts';

withDb({ shared: true });

let browser: Browser;
let cookie: string;
let userId: number;

beforeAll(async () => {
	browser = await launchBrowser();
	const page = await browser.newPage();
	const person = await register(page);
	userId = (await userRow(person.username)).id;
	const session = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE_NAME);
	cookie = `${SESSION_COOKIE_NAME}=${session!.value}`;
	await page.close();
});
afterAll(async () => {
	await browser?.close();
});

function post(path: string, headers: Record<string, string>, body: string) {
	return fetch(`${baseUrl()}${path}`, {
		method: 'POST',
		headers: { cookie, ...headers },
		body,
		redirect: 'manual'
	});
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const EVIL = 'https://evil.example';

describe('cross-site writes', () => {
	it('refuses a forged form post with a foreign Origin', async () => {
		const response = await post('/account?/createToken', { ...FORM, origin: EVIL }, 'name=forged');
		expect(response.status).toBe(403);
		expect(await tokensOf(userId)).toEqual([]);
	});

	it('refuses a forged JSON post with a foreign Origin, with a clear message', async () => {
		const response = await post(
			'/account?/createToken',
			{ 'content-type': 'application/json', origin: EVIL },
			JSON.stringify({ name: 'forged' })
		);
		expect(response.status).toBe(403);
		expect(await response.text()).toBe(CROSS_SITE_MESSAGE);
		expect(await tokensOf(userId)).toEqual([]);
	});

	it('refuses a forged log-out marked cross-site by Sec-Fetch-Site', async () => {
		const response = await post('/logout', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, '{}');
		expect(response.status).toBe(403);
		expect(await response.text()).toBe(CROSS_SITE_MESSAGE);
		expect(await countSessions(userId)).toBe(1);
	});

	it('refuses a form that another site makes a real browser submit', async () => {
		// A page on another origin (localhost vs 127.0.0.1) that posts to CrowdSky on load.
		const target = `${baseUrl()}/account?/createToken`;
		const evil = http.createServer((_req, res) => {
			res.setHeader('content-type', 'text/html');
			res.end(
				`<form id="f" method="POST" action="${target}"><input name="name" value="forged"></form>` +
					`<script>document.getElementById('f').submit()</script>`
			);
		});
		await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
		const { port } = evil.address() as AddressInfo;
		try {
			const context = await browser.newContext();
			const [name, value] = cookie.split('=');
			await context.addCookies([{ name, value, url: baseUrl(), httpOnly: true, sameSite: 'Lax' }]);
			const page = await context.newPage();
			const submitted = page.waitForResponse((r) => r.url() === target);
			await page.goto(`http://localhost:${port}/`);
			expect((await submitted).status()).toBe(403);
			await context.close();
		} finally {
			evil.close();
		}
		expect(await tokensOf(userId)).toEqual([]);
	});

	it('lets the same post through from CrowdSky’s own origin (so the refusals above mean something)', async () => {
		const response = await post('/account?/createToken', { ...FORM, origin: baseUrl() }, 'name=genuine');
		expect(response.status).toBe(200);
		expect((await tokensOf(userId)).map((t) => t.name)).toEqual(['genuine']);
	});
});
