/**
 * The Upload page in Chromium against the real server: the twelve real Seestar frames are
 * previewed (3 chunks at 15 min), uploaded with a reload half-way, finalized twice; the database
 * and the stored bytes are checked. Bad files are listed with reasons and never sent.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFits } from '$lib/fits';
import { rawFiles, stackingJobs } from '$lib/server/db/schema';
import { DESKTOP, useBrowser, PHONE, screenshot, scrollsSideways } from '../helpers/browser';
import { testDb, withDb } from '../helpers/db';
import { open, register, userRow } from './accounts';

withDb({ shared: true });

const ROOT = new URL('../../', import.meta.url).pathname;
const DATA = path.resolve(ROOT, '../shared/data/seestar');
/** The e2e server runs in the repository with the default raw storage unless RAW_STORAGE says otherwise. */
const RAW_ROOT = path.resolve(ROOT, process.env.RAW_STORAGE ?? './data/raw');
/** Long enough that a reload catches the upload half-way. */
const PUT_DELAY_MS = 1200;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function realFramePaths(): Promise<string[]> {
	const paths: string[] = [];
	for (const folder of ['M94_set2_20250327', 'NGC7023']) {
		for (const name of (await readdir(path.join(DATA, folder))).sort()) paths.push(path.join(DATA, folder, name));
	}
	return paths;
}

/** Names of the files the page PUTs (they are held for a while, so a reload can interrupt them). */
function throttlePuts(page: Page, delayMs = PUT_DELAY_MS): string[] {
	const names: string[] = [];
	void page.route('**/api/uploads/*/files?*', async (route) => {
		if (route.request().method() !== 'PUT') return route.continue();
		names.push(new URL(route.request().url()).searchParams.get('name') ?? '?');
		await new Promise((resolve) => setTimeout(resolve, delayMs));
		// The page may have been reloaded meanwhile: the request is gone, which is the point.
		await route.continue().catch(() => {});
	});
	return names;
}

async function filesDone(page: Page): Promise<number> {
	const text = (await page.locator('[data-testid=files-done]').textContent()) ?? '';
	return Number(text.split('/')[0]);
}

async function waitForChunks(page: Page, count: number) {
	await page.waitForFunction((n) => document.querySelectorAll('[data-testid=chunk]').length === n, count);
}

async function chunkSummary(page: Page): Promise<string[]> {
	const cards = page.locator('[data-testid=chunk]');
	const out: string[] = [];
	for (let i = 0; i < (await cards.count()); i++) {
		const card = cards.nth(i);
		out.push(`${await card.locator('.object').textContent()}:${await card.locator('[data-testid=chunk-frames]').textContent()}`);
	}
	return out.sort();
}

async function waitForText(page: Page, selector: string, text: string) {
	await page.locator(selector, { hasText: text }).waitFor();
}

const browser = useBrowser();

describe.each([
	['desktop', DESKTOP],
	['phone', PHONE]
] as const)('on a %s', (device, viewport) => {
	it('previews, uploads with a reload half-way, finalizes once; the stored files equal the originals', async () => {
		const context = await browser().newContext({ viewport });
		const page = await context.newPage();
		const person = await register(page);
		await open(page, '/upload');
		const frames = await realFramePaths();

		const firstPuts = throttlePuts(page);
		await page.setInputFiles('[data-testid=file-input]', frames);
		await waitForChunks(page, 3);
		// README: NGC 7023 from two nights a year apart (4 + 2 frames), M 94 from one minute.
		expect(await chunkSummary(page)).toEqual(['M 94:6', 'NGC 7023:2', 'NGC 7023:4']);
		expect(await page.locator('[data-testid=frames] tbody tr').count()).toBe(12);
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, `${device}-upload-preview`);

		await page.click('button:has-text("Upload 12 frames")');
		await page.waitForFunction(
			() => Number(document.querySelector('[data-testid=files-done]')?.textContent?.split('/')[0]) >= 3
		);
		await screenshot(page, `${device}-upload-uploading`);
		expect(firstPuts.length).toBeGreaterThanOrEqual(3);

		// Reload half-way: held PUTs die with the page; the page finds the open session and what it holds.
		await page.reload();
		await page.waitForLoadState('networkidle');
		const user = await userRow(person.username);
		const storedBefore = (await testDb().select().from(rawFiles).where(eq(rawFiles.userId, user.id))).length;
		expect(storedBefore).toBeGreaterThanOrEqual(3);
		expect(storedBefore).toBeLessThan(12);
		await waitForText(page, '[data-testid=open-session]', `An upload is open with ${storedBefore} frames`);
		await page.unrouteAll({ behavior: 'ignoreErrors' });

		const secondPuts = throttlePuts(page, 100);
		await page.setInputFiles('[data-testid=file-input]', frames);
		await waitForChunks(page, 3);
		await page.click('button:has-text("Upload 12 frames")');
		await waitForText(page, '[data-testid=upload-status]', 'All frames are on the server.');
		expect(await filesDone(page)).toBe(12);
		// Only what was missing went over the wire, each file once.
		expect(secondPuts.length).toBe(12 - storedBefore);
		expect(new Set(secondPuts).size).toBe(secondPuts.length);
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, `${device}-upload-finished`);

		await page.click('button:has-text("Finalize")');
		await page.locator('[data-testid=job]').first().waitFor();
		expect(await page.locator('[data-testid=job]').count()).toBe(3);
		const again = page.waitForResponse((r) => r.url().endsWith('/finalize'));
		await page.click('button:has-text("Finalize")');
		expect((await again).status()).toBe(200);
		expect(await page.locator('[data-testid=job]').count()).toBe(3);
		await screenshot(page, `${device}-upload-finalized`);

		const jobs = await testDb().select().from(stackingJobs).where(eq(stackingJobs.userId, user.id));
		expect(jobs.map((j) => j.frameCount).sort()).toEqual([2, 4, 6]);
		const rows = await testDb().select().from(rawFiles).where(eq(rawFiles.userId, user.id));
		expect(rows).toHaveLength(12);
		const originals = new Map<string, string>();
		for (const file of frames) originals.set(path.basename(file), sha256(await readFile(file)));
		for (const row of rows) {
			const stored = await readFile(path.join(RAW_ROOT, row.storagePath));
			expect(sha256(stored), row.filename).toBe(originals.get(row.filename));
			expect(row.sha256).toBe(originals.get(row.filename));
		}
		expect(new Set(rows.map((r) => r.filename))).toEqual(new Set(originals.keys()));
		await context.close();
	});
});

describe('bad files', () => {
	const GOOD = 'Light_M 94_10.0s_IRCUT_20250327-014513.fit';
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'crowdsky-upload-'));
		const png = new PNG({ width: 8, height: 8 });
		await writeFile(path.join(dir, 'picture.fit'), PNG.sync.write(png));
		const noDate = writeFits([
			{
				kind: 'primary-image',
				bitpix: 16,
				width: 4,
				height: 4,
				data: new Array(16).fill(100),
				cards: [
					{ key: 'OBJECT', value: 'M 94' },
					{ key: 'EXPTIME', value: 10 },
					{ key: 'RA', value: 192.7 },
					{ key: 'DEC', value: 41.1 }
				]
			}
		]);
		await writeFile(path.join(dir, 'no date.fit'), noDate);
		await writeFile(path.join(dir, 'notes.txt'), 'seeing 2/5, some cirrus');
		await copyFile((await realFramePaths())[0], path.join(dir, GOOD));
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('a folder with a PNG named .fit, a FITS without DATE-OBS and a text file: listed with reasons, never sent', async () => {
		const context = await browser().newContext({ viewport: DESKTOP });
		const page = await context.newPage();
		const person = await register(page);
		await open(page, '/upload');
		const puts = throttlePuts(page, 0);
		await page.setInputFiles('[data-testid=folder-input]', dir);
		await page.locator('[data-testid=rejected] li').nth(2).waitFor();
		const reasons = await page.locator('[data-testid=rejected] li').allTextContents();
		expect(reasons).toHaveLength(3);
		expect(reasons.find((r) => r.startsWith('picture.fit'))).toMatch(/FITS|SIMPLE/i);
		expect(reasons.find((r) => r.startsWith('no date.fit'))).toMatch(/DATE-OBS/);
		expect(reasons.find((r) => r.startsWith('notes.txt'))).toContain('not a .fit or .fits file');
		expect(await page.locator('[data-testid=frames] tbody tr').count()).toBe(1);
		await screenshot(page, 'desktop-upload-rejected');

		await page.click('button:has-text("Upload 1 frame")');
		await waitForText(page, '[data-testid=upload-status]', 'All frames are on the server.');
		expect(puts).toEqual([GOOD]);
		const user = await userRow(person.username);
		const rows = await testDb().select().from(rawFiles).where(eq(rawFiles.userId, user.id));
		expect(rows.map((r) => r.filename)).toEqual([GOOD]);
		await context.close();
	});
});
