/** Shared steps for the e2e tests: people who register and log in through the real pages. */
import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { apiTokens, sessions, users } from '$lib/server/db/schema';
import { testDb } from '../helpers/db';
import { baseUrl } from '../helpers/browser';

export const PASSWORD = 'clear skies over the dome';

export interface Person {
	username: string;
	email: string;
	password: string;
}

export function newPerson(prefix = 'obs'): Person {
	const username = `${prefix}_${randomBytes(4).toString('hex')}`;
	return { username, email: `${username}@example.org`, password: PASSWORD };
}

/**
 * Opens a page and waits until it is hydrated (its scripts have loaded and gone quiet), so that
 * what a test types is not overwritten and `use:enhance` handles the submit.
 */
export async function open(page: Page, path: string) {
	const response = await page.goto(`${baseUrl()}${path}`);
	await page.waitForLoadState('networkidle');
	return response;
}

/** Lets the server see what a browser would refuse to send: no required/minlength/maxlength. */
export async function disableBrowserValidation(page: Page) {
	await page.evaluate(() => {
		for (const form of document.forms) form.noValidate = true;
		for (const input of document.querySelectorAll('input')) {
			input.removeAttribute('maxlength');
			input.removeAttribute('minlength');
		}
	});
}

/** Fills the registration form; `unchecked` first switches the browser's own checks off. */
export async function fillRegistration(
	page: Page,
	person: Person,
	{ repeat = person.password, unchecked = false } = {}
) {
	await open(page, '/register');
	if (unchecked) await disableBrowserValidation(page);
	await page.fill('input[name=username]', person.username);
	await page.fill('input[name=email]', person.email);
	await page.fill('input[name=password]', person.password);
	await page.fill('input[name=passwordRepeat]', repeat);
}

/**
 * Registers through the form, which lands a new account on /upload (waited for: a test of every
 * registration), then opens /account, where most tests continue.
 */
export async function register(page: Page, person: Person = newPerson()): Promise<Person> {
	await fillRegistration(page, person);
	await page.click('button:has-text("Create account")');
	await page.waitForURL(`${baseUrl()}/upload`);
	await open(page, '/account');
	return person;
}

export async function logIn(page: Page, person: Person) {
	await open(page, '/login');
	await page.fill('input[name=username]', person.username);
	await page.fill('input[name=password]', person.password);
	await page.click('form button:has-text("Log in")');
}

export async function userRow(username: string) {
	const [row] = await testDb().select().from(users).where(eq(users.username, username));
	return row;
}

export async function countUsers() {
	const [{ n }] = await testDb().select({ n: count() }).from(users);
	return n;
}

export async function countSessions(userId: number) {
	const [{ n }] = await testDb().select({ n: count() }).from(sessions).where(eq(sessions.userId, userId));
	return n;
}

export async function tokensOf(userId: number) {
	return testDb().select().from(apiTokens).where(eq(apiTokens.userId, userId));
}

/** The visible error message of the page's form. */
export async function alertText(page: Page): Promise<string> {
	return (await page.locator('[role=alert]').first().textContent())?.trim() ?? '';
}
