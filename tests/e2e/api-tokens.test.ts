import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baseUrl, useBrowser, screenshot } from '../helpers/browser';
import { withDb } from '../helpers/db';
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
});
