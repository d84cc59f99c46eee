import { describe, expect, it } from 'vitest';
import { INVALID_LOGIN_MESSAGE, SESSION_COOKIE_NAME } from '$lib/server/auth';
import { baseUrl, useBrowser } from '../helpers/browser';
import { withDb } from '../helpers/db';
import { alertText, countSessions, logIn, newPerson, open, register, userRow } from './accounts';

withDb({ shared: true });

const browser = useBrowser();

describe('accounts in the browser', () => {
	it('registers, logs out and logs back in', async () => {
		const page = await browser().newPage();
		const person = await register(page);

		const user = await userRow(person.username);
		expect(user).toMatchObject({ email: person.email, tier: 'free', isActive: 1 });
		expect(user.passwordHash).toMatch(/^\$argon2id\$/);
		expect(await countSessions(user.id)).toBe(1);
		await expect(page.locator('h1').textContent()).resolves.toBe('Account');
		await expect(page.locator('main').textContent()).resolves.toContain(person.email);

		await page.click('header button:has-text("Log out")');
		await page.waitForURL(`${baseUrl()}/`);
		await page.locator('header a:has-text("Log in")').waitFor();
		expect(await countSessions(user.id)).toBe(0);
		expect((await page.context().cookies()).find((c) => c.name === SESSION_COOKIE_NAME)).toBeUndefined();

		await logIn(page, person);
		await page.waitForURL(`${baseUrl()}/account`);
		expect(await countSessions(user.id)).toBe(1);
		await page.close();
	});

	it('gives one message for a wrong password and an unknown user, and keeps the username', async () => {
		const page = await browser().newPage();
		const person = await register(page);
		await page.context().clearCookies();
		const user = await userRow(person.username);

		await logIn(page, { ...person, password: 'not my password' });
		await page.locator('[role=alert]').waitFor();
		expect(await alertText(page)).toBe(INVALID_LOGIN_MESSAGE);
		expect(await page.inputValue('input[name=username]')).toBe(person.username);

		await logIn(page, { ...person, username: `${person.username}_nobody` });
		await page.locator('[role=alert]').waitFor();
		expect(await alertText(page)).toBe(INVALID_LOGIN_MESSAGE);
		expect(page.url()).toContain('/login');
		expect(await countSessions(user.id)).toBe(1); // only the one from registering
		await page.close();
	});

	it('sends logged-in people from /login and /register to /account, and others to /login and back', async () => {
		const page = await browser().newPage();
		const response = await page.goto(`${baseUrl()}/upload`);
		expect(page.url()).toBe(`${baseUrl()}/login?redirectTo=${encodeURIComponent('/upload')}`);
		expect(response?.status()).toBe(200);

		const person = newPerson();
		await register(page, person);
		for (const path of ['/login', '/register']) {
			await page.goto(`${baseUrl()}${path}`);
			expect(page.url()).toBe(`${baseUrl()}/account`);
		}

		await page.context().clearCookies();
		await open(page, '/stacks');
		await page.fill('input[name=username]', person.username);
		await page.fill('input[name=password]', person.password);
		await page.click('form button:has-text("Log in")');
		await page.waitForURL(`${baseUrl()}/stacks`);
		await expect(page.locator('h1').textContent()).resolves.toBe('Stacks');
		await page.close();
	});

	it('tells a guest who opens Compute what it is and that it needs an account, and brings them back there after registering', async () => {
		const page = await browser().newPage();
		await open(page, '/');
		await page.click('a:has-text("Open Compute")');
		await page.waitForURL(`${baseUrl()}/login?redirectTo=${encodeURIComponent('/compute')}`);
		const why = (await page.locator('[data-testid=why-log-in]').textContent()) ?? '';
		expect(why).toContain('Compute lends this browser tab’s processor');
		expect(why).toContain('needs an account');
		await expect(page.locator('main').textContent()).resolves.not.toContain('Welcome back');

		await page.click('a:has-text("Create an account")');
		await page.waitForURL(`${baseUrl()}/register?redirectTo=${encodeURIComponent('/compute')}`);
		await page.waitForLoadState('networkidle');
		const person = newPerson();
		await page.fill('input[name=username]', person.username);
		await page.fill('input[name=email]', person.email);
		await page.fill('input[name=password]', person.password);
		await page.fill('input[name=passwordRepeat]', person.password);
		await page.click('button:has-text("Create account")');
		await page.waitForURL(`${baseUrl()}/compute`);
		await expect(page.locator('h1').textContent()).resolves.toBe('Compute');
		await page.close();
	});

	it('after a real login, redirectTo=%2F%09%2Fevil.example%2Fphish (a TAB after the slash) stays on this site', async () => {
		const page = await browser().newPage();
		const person = await register(page);
		await page.context().clearCookies();
		// Were the redirect to leave, it would land here rather than on a DNS error.
		await page.route('http://evil.example/**', (route) => route.fulfill({ body: 'phished' }));

		await open(page, '/login?redirectTo=%2F%09%2Fevil.example%2Fphish');
		await page.fill('input[name=username]', person.username);
		await page.fill('input[name=password]', person.password);
		await page.click('form button:has-text("Log in")');
		await page.waitForURL((url) => url.pathname !== '/login');
		await page.waitForLoadState('networkidle');
		expect(page.url()).toBe(`${baseUrl()}/account`);
		await page.close();
	});

	it('sets the session cookie HttpOnly, SameSite=Lax, Path=/ and sends the security headers', async () => {
		const page = await browser().newPage();
		await register(page);
		const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE_NAME);
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
		expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
		expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE_NAME);

		const response = await page.goto(`${baseUrl()}/account`);
		const headers = response!.headers();
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['x-frame-options']).toBe('DENY');
		expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
		await page.close();
	});
});
