/**
 * The stack page of a plate-solved stack, in Chromium against the built app: a telescope stack
 * made from a real M 94 frame is uploaded (and solved by the server on intake); the page shows
 * the RA/Dec under the mouse and under a tap on a phone, the solution's facts, the RA/Dec grid on
 * demand and the catalogued objects in the field (M 94) listed and marked on the picture; a
 * starless stack's page says why it is not solved.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { separationDeg } from '$lib/chunks/pointing';
import { SESSION_COOKIE_NAME } from '$lib/server/auth/cookies';
import { baseUrl, DESKTOP, launchBrowser, PHONE, screenshot } from '../helpers/browser';
import { withDb } from '../helpers/db';
import { seestarCube } from '../unit/solve/seestar-cube';
import { M94 } from '../unit/stacking/helpers';
import { open } from './accounts';
import { observer } from './runner-steps';
import { starlessCube, uploadStack } from './telescope-stacks';

withDb({ shared: true });

let browser: Browser;
let owner: { id: number; cookie: string };
let stackId: number;

beforeAll(async () => {
	browser = await launchBrowser();
	owner = await observer();
	const cube = seestarCube(new Uint8Array(readFileSync(`${M94}/Light_M 94_10.0s_IRCUT_20250327-014513.fit`)));
	stackId = await uploadStack(owner.cookie, cube);
});
afterAll(async () => {
	await browser?.close();
});

async function stackPage(viewport: { width: number; height: number }, touch = false, id = stackId): Promise<Page> {
	const context = await browser.newContext({ viewport, hasTouch: touch, isMobile: touch });
	await context.addCookies([{ name: SESSION_COOKIE_NAME, value: owner.cookie.split('=')[1], url: baseUrl() }]);
	const page = await context.newPage();
	await open(page, `/stacks/${id}`);
	// The page opens on the picture (a crop); the RA/Dec grid and readout belong to the linear view.
	await page.getByRole('button', { name: 'Linear' }).click();
	if (id === stackId) await page.locator('[data-testid=sky-readout]').waitFor();
	return page;
}

/** "RA/Dec 12h 51m 00.7s, +41° 07′ 16″" → degrees. */
function readoutSky(text: string): { ra: number; dec: number } {
	const m = /(\d\d)h (\d\d)m (\d\d\.\d)s, ([+−])(\d\d)° (\d\d)′ (\d\d)″/.exec(text);
	if (!m) throw new Error(`no RA/Dec in "${text}"`);
	const ra = (Number(m[1]) + Number(m[2]) / 60 + Number(m[3]) / 3600) * 15;
	const dec = (m[4] === '−' ? -1 : 1) * (Number(m[5]) + Number(m[6]) / 60 + Number(m[7]) / 3600);
	return { ra, dec };
}

/** The stage's centre in page coordinates: the fitted picture's centre. */
async function stageCentre(page: Page): Promise<{ x: number; y: number }> {
	await page.locator('.stage').scrollIntoViewIfNeeded();
	const box = (await page.locator('.stage').boundingBox())!;
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

// The solved stack's centre (CrowdSky on this frame; solve-field on the six-frame stack: 192.7517, 41.1220).
const CENTRE = { ra: 192.7528, dec: 41.1211 };

describe('the stack page of a solved stack', () => {
	it('shows the RA/Dec under the mouse, the solution, the grid on demand and M 94 in the field', async () => {
		const page = await stackPage(DESKTOP);
		const readout = page.locator('[data-testid=sky-readout]');
		const centre = await stageCentre(page);
		await page.mouse.move(centre.x, centre.y);
		await expect.poll(() => readout.textContent()).toMatch(/^\s*RA\/Dec /);
		const sky = readoutSky((await readout.textContent())!);
		const offset = separationDeg(sky.ra, sky.dec, CENTRE.ra, CENTRE.dec) * 3600;
		console.log(`readout at the picture's centre: ${(await readout.textContent())!.trim()} (${offset.toFixed(1)}″ from the solution's centre)`);
		// One CSS pixel of the fitted 1920-row picture is about 3.3 stack pixels, 8″: the pointer is within half of one.
		expect(offset).toBeLessThan(8);
		await page.mouse.move(centre.x, centre.y - 100);
		const moved = readoutSky((await readout.textContent())!);
		expect(separationDeg(moved.ra, moved.dec, sky.ra, sky.dec) * 60).toBeGreaterThan(5);

		const facts = page.locator('.solution');
		await expect(facts.textContent()).resolves.toMatch(/12h 51m 0\d\.\ds, \+41° 07′/);
		await expect(facts.textContent()).resolves.toMatch(/2\.37\d″\/px/);
		await expect(facts.textContent()).resolves.toMatch(/mirrored/);
		const objects = page.locator('[data-testid=field-objects] li');
		await expect(objects.first().textContent()).resolves.toMatch(/^M 94 = NGC 4736/);
		await expect(objects.first().locator('a').getAttribute('href')).resolves.toBe('/stacks?object=M%2094');
		await expect(page.locator('.overlay .object-name', { hasText: /^M 94$/ }).count()).resolves.toBe(1);

		await expect(page.locator('.overlay .grid path').count()).resolves.toBe(0);
		await page.getByLabel('RA/Dec grid on the picture').check();
		await expect.poll(() => page.locator('.overlay .grid path').count()).toBeGreaterThanOrEqual(4);
		await expect(page.locator('.overlay .grid text', { hasText: /^\+41°$/ }).count()).resolves.toBe(1);
		await screenshot(page, 'desktop-stack-solved');
		await page.context().close();
	});

	it('shows the RA/Dec under a tap on a phone', async () => {
		const page = await stackPage(PHONE, true);
		const centre = await stageCentre(page);
		await page.touchscreen.tap(centre.x, centre.y);
		const readout = page.locator('[data-testid=sky-readout]');
		await expect.poll(() => readout.textContent()).toMatch(/^\s*RA\/Dec /);
		const sky = readoutSky((await readout.textContent())!);
		expect(separationDeg(sky.ra, sky.dec, CENTRE.ra, CENTRE.dec) * 3600).toBeLessThan(60);
		await screenshot(page, 'phone-stack-solved');
		await page.context().close();
	});

	it('says why a stack is not solved, and draws nothing over its picture', async () => {
		// The solver finds nothing to match in a starless cube.
		const page = await stackPage(DESKTOP, false, await uploadStack(owner.cookie, starlessCube()));
		await expect(page.locator('[data-testid=unsolved]').textContent()).resolves.toMatch(/^Not plate-solved: \S/);
		await expect(page.locator('[data-testid=sky-readout]').count()).resolves.toBe(0);
		await expect(page.getByLabel('RA/Dec grid on the picture').count()).resolves.toBe(0);
		console.log(`unsolved stack page: ${(await page.locator('[data-testid=unsolved]').textContent())!.trim()}`);
		await page.context().close();
	});
});
