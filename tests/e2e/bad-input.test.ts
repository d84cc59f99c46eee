/** Every form, fed what people and attackers type: a clear message, and nothing changes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { INVALID_LOGIN_MESSAGE } from '$lib/server/auth';
import { launchBrowser, screenshot } from '../helpers/browser';
import { withDb } from '../helpers/db';
import {
	alertText,
	countSessions,
	countUsers,
	disableBrowserValidation,
	fillRegistration,
	newPerson,
	open,
	register,
	tokensOf,
	userRow,
	type Person
} from './accounts';

withDb({ shared: true });

const SQL = "' OR 1=1 --";

let browser: Browser;
let existing: Person;
beforeAll(async () => {
	browser = await launchBrowser();
	const page = await browser.newPage();
	existing = await register(page, newPerson('taken'));
	await page.close();
});
afterAll(async () => {
	await browser?.close();
});

async function submitAndReadMessage(page: Page, button: string): Promise<string> {
	await page.click(`button:has-text("${button}")`);
	await page.locator('[role=alert]').waitFor();
	return alertText(page);
}

describe('registration refuses bad input', () => {
	const cases: [string, (p: Person) => Person, RegExp, string?][] = [
		['empty fields', () => ({ username: '', email: '', password: '' }), /^Enter a username\.$/],
		['an over-long username', (p) => ({ ...p, username: 'u'.repeat(65) }), /3–64 characters; this one has 65/],
		['SQL in the username', (p) => ({ ...p, username: SQL }), /only letters A–Z, digits/],
		['SQL in the email', (p) => ({ ...p, email: SQL }), /is not an email address/],
		['an over-long email', (p) => ({ ...p, email: `${'e'.repeat(250)}@example.org` }), /at most 255 characters/],
		['a short password', (p) => ({ ...p, password: 'short' }), /at least 8 characters/],
		['an over-long password', (p) => ({ ...p, password: 'p'.repeat(256) }), /at most 255 characters/],
		// A taken email is no refusal: saying so would tell anyone which addresses have an account.
		['a taken username', (p) => ({ ...p, username: existing.username.toUpperCase() }), /is already taken/]
	];

	it.each(cases)('%s', async (_label, change, message) => {
		const page = await browser.newPage();
		const before = await countUsers();
		const person = change(newPerson('bad'));
		await fillRegistration(page, person, { unchecked: true });
		expect(await submitAndReadMessage(page, 'Create account')).toMatch(message);
		expect(page.url()).toContain('/register');
		expect(await countUsers()).toBe(before);
		// What was typed stays.
		expect(await page.inputValue('input[name=username]')).toBe(person.username);
		expect(await page.inputValue('input[name=email]')).toBe(person.email);
		await page.close();
	});

	it('different repeated password', async () => {
		const page = await browser.newPage();
		const before = await countUsers();
		await fillRegistration(page, newPerson('bad'), { repeat: 'something else', unchecked: true });
		expect(await submitAndReadMessage(page, 'Create account')).toBe('The two passwords differ.');
		await expect(page.locator('#field-passwordRepeat').getAttribute('aria-invalid')).resolves.toBe('true');
		await screenshot(page, 'desktop-register-error');
		expect(await countUsers()).toBe(before);
		await page.close();
	});
});

describe('login refuses bad input', () => {
	const cases: [string, string, string, string][] = [
		['empty fields', '', '', 'Enter your username and password.'],
		['an over-long username', 'u'.repeat(300), 'whatever1', INVALID_LOGIN_MESSAGE],
		['SQL in both fields', SQL, SQL, INVALID_LOGIN_MESSAGE],
		['SQL as the password of a real user', 'EXISTING', `x${SQL}`, INVALID_LOGIN_MESSAGE]
	];

	it.each(cases)('%s', async (_label, username, password, message) => {
		const page = await browser.newPage();
		const user = await userRow(existing.username);
		const sessionsBefore = await countSessions(user.id);
		const name = username === 'EXISTING' ? existing.username : username;
		await open(page, '/login');
		await disableBrowserValidation(page);
		await page.fill('input[name=username]', name);
		await page.fill('input[name=password]', password);
		expect(await submitAndReadMessage(page, 'Log in')).toBe(message);
		expect(page.url()).toContain('/login');
		expect(await countSessions(user.id)).toBe(sessionsBefore);
		expect(await page.context().cookies()).toEqual([]);
		await page.close();
	});
});

describe('the token form refuses bad input', () => {
	const cases: [string, string, RegExp][] = [
		['an empty name', '', /Give the token a name/],
		['an over-long name', 'n'.repeat(65), /at most 64 characters/],
		['SQL in the name', `x'; DROP TABLE api_tokens; --`, /may contain letters, digits, spaces/]
	];

	it.each(cases)('%s', async (_label, name, message) => {
		const page = await browser.newPage();
		const person = await register(page, newPerson('tok'));
		const user = await userRow(person.username);
		await open(page, '/account');
		await disableBrowserValidation(page);
		await page.fill('input[name=name]', name);
		expect(await submitAndReadMessage(page, 'Create token')).toMatch(message);
		expect(await page.inputValue('input[name=name]')).toBe(name);
		expect(await tokensOf(user.id)).toEqual([]);
		await page.close();
	});

	it('a revoke aimed at someone else’s token', async () => {
		const ownerPage = await browser.newPage();
		const owner = await register(ownerPage, newPerson('owner'));
		await ownerPage.fill('input[name=name]', 'mine');
		await ownerPage.click('button:has-text("Create token")');
		await ownerPage.locator('[data-testid=new-token]').waitFor();
		const [theirs] = await tokensOf((await userRow(owner.username)).id);

		const attacker = await browser.newPage();
		await register(attacker, newPerson('attacker'));
		await attacker.fill('input[name=name]', 'decoy');
		await attacker.click('button:has-text("Create token")');
		await attacker.locator('[data-testid=new-token]').waitFor();
		await attacker.evaluate((id) => {
			(document.querySelector('form[action="?/revokeToken"] input[name=id]') as HTMLInputElement).value = id;
		}, String(theirs.id));
		await attacker.click('button:has-text("Revoke")');
		await attacker.locator('[role=alert]').waitFor();
		expect(await alertText(attacker)).toMatch(/does not exist or is already revoked/);
		const [still] = await tokensOf((await userRow(owner.username)).id);
		expect(still.revokedAt).toBeNull();
		await ownerPage.close();
		await attacker.close();
	});
});
