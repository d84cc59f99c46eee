import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setTrusted } from '$lib/server/admin';
import { createApiToken } from '$lib/server/auth/api-tokens';
import { baseUrl, useBrowser, screenshot, scrollsSideways } from '../helpers/browser';
import { testDb, withDb } from '../helpers/db';
import { register, tokensOf, userRow } from './accounts';

withDb({ shared: true });

const browser = useBrowser();

describe('API tokens on the account page', () => {
	it('shows a new token once, lists it by prefix, copies it, and revokes it', async () => {
		const context = await browser().newContext();
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
		const page = await context.newPage();
		const person = await register(page);
		const user = await userRow(person.username);
		await expect(page.locator('main').textContent()).resolves.toContain('No active tokens.');

		await page.fill('input[name=name]', 'observatory runner');
		await page.click('button:has-text("Create token")');
		const shown = page.locator('[data-testid=new-token]');
		await shown.waitFor();
		const token = await shown.inputValue();
		expect(token).toMatch(/^csk_[a-z2-7]{52}$/);
		expect(await page.inputValue('input[name=name]')).toBe('');

		const [row] = await tokensOf(user.id);
		expect(row).toMatchObject({ name: 'observatory runner', tokenPrefix: token.slice(0, 12), revokedAt: null });
		expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
		const listed = page.locator('tbody tr');
		await expect(listed.count()).resolves.toBe(1);
		await expect(listed.first().textContent()).resolves.toContain(`${token.slice(0, 12)}…`);

		await page.click('.new-token button:has-text("Copy")');
		await page.locator('.new-token button:has-text("Copied")').waitFor();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
		await screenshot(page, 'desktop-account-new-token');

		// Shown once: a fresh load of the page no longer contains it.
		await page.goto(`${baseUrl()}/account`);
		expect(await page.content()).not.toContain(token);
		await expect(page.locator('[data-testid=new-token]').count()).resolves.toBe(0);

		await page.click('button:has-text("Revoke")');
		await page.locator('text=No active tokens.').waitFor();
		const [revoked] = await tokensOf(user.id);
		expect(revoked.revokedAt).not.toBeNull();
		await context.close();
	});

	it('works without JavaScript too', async () => {
		const context = await browser().newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		const person = await register(page);
		const user = await userRow(person.username);

		await page.fill('input[name=name]', 'no-js runner');
		await page.click('button:has-text("Create token")');
		await page.waitForLoadState();
		const token = await page.inputValue('[data-testid=new-token]');
		expect(token).toMatch(/^csk_/);
		await page.click('button:has-text("Revoke")');
		await page.locator('text=No active tokens.').waitFor();
		const rows = await tokensOf(user.id);
		expect(rows).toHaveLength(1);
		expect(rows[0].revokedAt).not.toBeNull();
		await context.close();
	});

	it('says whether each token is trusted, as `npm run admin -- trust` set it, at both sizes', async () => {
		for (const [size, viewport] of [
			['desktop', { width: 1280, height: 800 }],
			['phone', { width: 390, height: 844 }]
		] as const) {
			const context = await browser().newContext({ viewport });
			const page = await context.newPage();
			const person = await register(page);
			const user = await userRow(person.username);
			const made = await Promise.all(['home runner', 'laptop script'].map((name) => createApiToken(user.id, name)));
			const [runner, script] = made.map((m) => (m.ok ? m.summary : expect.unreachable(m.message)));
			await setTrusted(testDb(), runner.prefix, true);

			await page.goto(`${baseUrl()}/account`);
			const trustOf = (name: string) => page.locator('tbody tr', { hasText: name }).locator('[data-testid=token-trust]').innerText();
			expect((await trustOf('home runner')).trim()).toBe('Yes');
			expect((await trustOf('laptop script')).trim()).toBe('No');
			await expect(page.locator('.trust-note').innerText()).resolves.toMatch(/Trusted: the site's operator marked/);
			expect(await scrollsSideways(page)).toBe(false);
			await screenshot(page, `${size}-account-token-trust`);

			await setTrusted(testDb(), runner.prefix, false);
			await page.reload();
			expect((await trustOf('home runner')).trim()).toBe('No');
			expect(script.trusted).toBe(false);
			await context.close();
		}
	});
});
