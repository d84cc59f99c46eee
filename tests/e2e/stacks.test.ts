/**
 * The Stacks and Stack pages in Chromium with real stacks: the real M 94 and NGC 7023 frames are
 * uploaded through /api/uploads and stacked by a trusted `node runner.js --once`. The sky map
 * draws each stack where the Hammer projection puts its RA/Dec; a rectangle around M 94 leaves only
 * M 94 in the gallery; the timeline's range intersects; the Stack page shows the six-frame report;
 * the downloaded FITS is the stored file, byte for byte, named `{object}_{chunk_key}.fits`, and the
 * other downloads have names of their own (the stretch PNG at the stack's full size).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE_NAME } from '$lib/server/auth/cookies';
import { stackedFrames } from '$lib/server/db/schema';
import { stackStorage } from '$lib/server/storage';
import { toScreen, type SkyViewport } from '$lib/sky/viewport';
import { baseUrl, DESKTOP, launchBrowser, PHONE, screenshot, scrollsSideways } from '../helpers/browser';
import { testDb, withDb } from '../helpers/db';
import { open } from './accounts';
import { observer, observerContext, observerWithStacks } from './runner-steps';
import { starlessCube, uploadStack } from './telescope-stacks';

withDb({ shared: true });

type StackRow = typeof stackedFrames.$inferSelect;
let browser: Browser;
let owner: { id: number; cookie: string };
let stacks: StackRow[];
const m94 = () => stacks.find((s) => s.objectName === 'M 94')!;

const ownerContext = (viewport: { width: number; height: number }) => observerContext(browser, owner.cookie, viewport);

/** The map's placement, as its canvas reports it, in page coordinates. */
async function mapViewport(page: Page): Promise<SkyViewport & { left: number; top: number }> {
	const canvas = page.locator('.map canvas');
	const box = (await canvas.boundingBox())!;
	const [cx, cy, scale] = await Promise.all(['data-cx', 'data-cy', 'data-scale'].map(async (a) => Number(await canvas.getAttribute(a))));
	return { cx, cy, scale, left: box.x, top: box.y };
}

/** The canvas pixel at CSS position (x, y) of the map. */
function mapPixel(page: Page, x: number, y: number): Promise<number[]> {
	return page.evaluate(
		([x, y]) => {
			const canvas = document.querySelector<HTMLCanvasElement>('.map canvas')!;
			const ratio = canvas.width / canvas.getBoundingClientRect().width;
			return Array.from(canvas.getContext('2d')!.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data);
		},
		[x, y]
	);
}

const isAmber = ([r, g, b]: number[]) => r > 150 && g > 100 && b < 110;

async function galleryObjects(page: Page): Promise<string[]> {
	return page.locator('.gallery .object').allTextContents();
}

beforeAll(async () => {
	browser = await launchBrowser();
	({ owner, stacks } = await observerWithStacks());
}, 600_000);
afterAll(async () => {
	await browser?.close();
});

describe('the Stacks page', () => {
	it('has real stacks to show: M 94 and at least one NGC 7023', () => {
		expect(stacks.map((s) => s.objectName)).toContain('M 94');
		expect(stacks.map((s) => s.objectName)).toContain('NGC 7023');
	});

	it('draws each stack where its RA/Dec projects (RA to the left), with a tooltip', async () => {
		const context = await ownerContext(DESKTOP);
		const page = await context.newPage();
		await open(page, '/stacks');
		await page.locator('.map canvas').waitFor();
		const v = await mapViewport(page);
		for (const s of stacks) {
			const { sx, sy } = toScreen(v, s.raDeg!, s.decDeg!);
			expect(isAmber(await mapPixel(page, sx, sy)), `${s.objectName} at ${sx}, ${sy}`).toBe(true);
		}
		// M 94 (RA 193°) right of centre and above; NGC 7023 (RA 315.5°, Dec +68°) right and higher.
		const a = toScreen(v, 193.07, 40.98);
		const b = toScreen(v, 315.5, 68.2);
		expect(a.sx).toBeGreaterThan(v.cx);
		expect(b.sx).toBeGreaterThan(v.cx);
		expect(b.sy).toBeLessThan(a.sy);
		// Where M 94 would be if RA grew to the right there is only sky.
		expect(isAmber(await mapPixel(page, 2 * v.cx - a.sx, a.sy))).toBe(false);

		await page.mouse.move(v.left + a.sx, v.top + a.sy);
		await expect(page.locator('.map [role=tooltip]').textContent()).resolves.toMatch(/M 94.*6\/6 frames/s);
		await screenshot(page, 'desktop-stacks-map');
		await context.close();
	});

	it('a rectangle around M 94 leaves only M 94 in the gallery; the timeline intersects', async () => {
		const context = await ownerContext(DESKTOP);
		const page = await context.newPage();
		await open(page, '/stacks');
		await page.locator('.gallery .object').first().waitFor();
		expect((await galleryObjects(page)).length).toBe(stacks.length);

		const v = await mapViewport(page);
		const a = toScreen(v, 193.07, 40.98);
		await page.mouse.move(v.left + a.sx - 30, v.top + a.sy - 25);
		await page.mouse.down();
		await page.mouse.move(v.left + a.sx, v.top + a.sy, { steps: 4 });
		await page.mouse.move(v.left + a.sx + 30, v.top + a.sy + 25, { steps: 4 });
		await page.mouse.up();
		await expect.poll(() => galleryObjects(page)).toEqual(['M 94']);
		await expect(page.locator('.selection').textContent()).resolves.toMatch(/Sky: RA .*Dec/);
		await screenshot(page, 'desktop-stacks-selected');
		// The selection is in the URL: the link opens the same view.
		expect(new URL(page.url()).searchParams.get('sky')).toMatch(/^[\d.]+,[\d.]+,[\d.-]+,[\d.-]+$/);
		await open(page, new URL(page.url()).pathname + new URL(page.url()).search);
		await expect.poll(() => galleryObjects(page)).toEqual(['M 94']);

		// A time range over the NGC 7023 nights only: with the M 94 rectangle, nothing is left.
		await page.locator('.timeline svg').scrollIntoViewIfNeeded();
		const timeline = (await page.locator('.timeline svg').boundingBox())!;
		await page.mouse.move(timeline.x + 4, timeline.y + 40);
		await page.mouse.down();
		await page.mouse.move(timeline.x + timeline.width * 0.3, timeline.y + 40, { steps: 5 });
		await page.mouse.up();
		await expect.poll(() => galleryObjects(page)).toEqual([]);
		// Clearing the sky selection leaves the timeline's: the 2024 NGC 7023 stack(s).
		await page.click('button[aria-label="Clear the sky selection"]');
		const early = stacks.filter((s) => s.dateObsStart!.getUTCFullYear() === 2024).map((s) => s.objectName);
		await expect.poll(() => galleryObjects(page)).toEqual(early);
		await context.close();
	});

	it('"Download all" saves a zip of the selection, each stack named {object}_{chunk_key}.fits', async () => {
		const context = await ownerContext(DESKTOP);
		const page = await context.newPage();
		await open(page, '/stacks');
		const button = page.locator(`button:has-text("Download all (${stacks.length})")`);
		const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
		expect(download.suggestedFilename()).toMatch(/^crowdsky-stacks-\d{4}-\d{2}-\d{2}\.zip$/);
		const names = execFileSync('unzip', ['-Z1', (await download.path())!], { encoding: 'utf8' }).trim().split('\n');
		const expected = stacks.map((s) => `${s.objectName!.replace(/ /g, '_')}_${s.chunkKey}.fits`);
		expect(names.sort()).toEqual(expected.sort());
		await context.close();
	});

	it('fits a 360 px phone, and the filter bar narrows by object through the URL', async () => {
		const context = await ownerContext(PHONE);
		const page = await context.newPage();
		await open(page, '/stacks');
		await page.locator('.gallery .object').first().waitFor();
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, 'phone-stacks-map');
		await page.fill('input[name=object]', 'ngc');
		await page.click('button:has-text("Apply")');
		await page.waitForURL(/object=ngc/);
		await expect.poll(() => galleryObjects(page)).toEqual(stacks.filter((s) => s.objectName === 'NGC 7023').map(() => 'NGC 7023'));
		await context.close();
	});
});

describe('the Stacks page at a glance, and the Targets view', () => {
	it('on a 1280 × 800 screen: the gallery starts within the first screen, the filters fit their columns, each parallel is drawn once', async () => {
		const context = await ownerContext(DESKTOP);
		const page = await context.newPage();
		await open(page, '/stacks');
		await page.locator('.gallery .object').first().waitFor();
		const cardTop = await page.locator('.gallery .stack-card').first().evaluate((el) => el.getBoundingClientRect().top);
		expect(cardTop).toBeLessThan(DESKTOP.height);
		const overflowing = await page.locator('.filters label').evaluateAll((labels) =>
			labels.flatMap((label) => {
				const input = label.querySelector('input');
				return input && input.getBoundingClientRect().right > label.getBoundingClientRect().right + 0.5 ? [label.textContent?.trim()] : [];
			})
		);
		expect(overflowing).toEqual([]);
		await context.close();
	});

	it('groups the stacks by target (M94 finds M 94 too), and a target opens its stacks', async () => {
		for (const [device, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
			const context = await ownerContext(viewport);
			const page = await context.newPage();
			await open(page, '/stacks');
			const byTarget = page.locator('a:has-text("By target")');
			await Promise.all([page.waitForURL(`${baseUrl()}/stacks/targets`, { timeout: 90_000 }), byTarget.click()]);
			await page.locator('[data-testid=target-name]').first().waitFor();
			const names = await page.locator('[data-testid=target-name]').allTextContents();
			expect(names.sort()).toEqual([...new Set(stacks.map((s) => s.objectName!))].sort());
			const m94Card = page.locator('[data-testid=target]', { hasText: 'M 94' });
			await expect(m94Card.textContent()).resolves.toMatch(/1 night/);
			await m94Card.locator('img').evaluate((img: HTMLImageElement) => img.decode());
			expect(await scrollsSideways(page)).toBe(false);
			await screenshot(page, `${device}-targets`);
			await expect(m94Card.locator('a').getAttribute('href')).resolves.toBe('/stacks?object=M%2094');
			// The Stacks page writes its query back through URLSearchParams, which spells the space "+".
			await Promise.all([page.waitForURL(/\/stacks\?object=M(%20|\+)94/, { timeout: 90_000 }), m94Card.locator('a').click()]);
			await expect.poll(() => galleryObjects(page)).toEqual(stacks.filter((s) => s.objectName === 'M 94').map(() => 'M 94'));
			await context.close();
		}
		// The object filter reads designations however they are typed.
		const context = await ownerContext(DESKTOP);
		const page = await context.newPage();
		await open(page, '/stacks?object=m94');
		await expect.poll(() => galleryObjects(page)).toEqual(stacks.filter((s) => s.objectName === 'M 94').map(() => 'M 94'));
		await context.close();
	});
});

describe('the Stack page', () => {
	it('shows the totals, the preview and the six-frame report', async () => {
		const context = await ownerContext(DESKTOP);
		const page = await context.newPage();
		await open(page, `/stacks/${m94().id}`);
		await expect(page.locator('h1').textContent()).resolves.toBe('M 94');
		await expect(page.locator('.totals').textContent()).resolves.toMatch(/6 \/ 6/);
		const rows = page.locator('.report tbody tr');
		await expect(rows.count()).resolves.toBe(6);
		await expect(rows.first().textContent()).resolves.toMatch(/\.fit.*aligned/);
		// The picture shows first; Linear draws the stretched preview: the canvas is not the empty background.
		await expect.poll(() => page.evaluate(() => document.querySelector<HTMLImageElement>('.stage img')?.naturalWidth ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
		await page.getByRole('button', { name: 'Linear' }).click();
		await page.locator('.stage canvas[data-scale]').waitFor();
		// The preview is fetched and drawn after the switch: give it the time a loaded CI machine needs.
		await expect
			.poll(() =>
				page.evaluate(() => {
					const c = document.querySelector<HTMLCanvasElement>('.stage canvas[data-scale]')!;
					const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
					let lit = 0;
					for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 60) lit++;
					return lit;
				})
			, { timeout: 20_000 })
			.toBeGreaterThan(1000);
		await screenshot(page, 'desktop-stack-page');
		await context.close();
	});

	it('downloads the FITS byte-identical to the stored file, named {object}_{chunk_key}.fits', async () => {
		const context = await ownerContext(DESKTOP);
		const page = await context.newPage();
		await open(page, `/stacks/${m94().id}`);
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Download FITS")')]);
		expect(download.suggestedFilename()).toBe(`M_94_${m94().chunkKey}.fits`);
		const got = createHash('sha256').update(await readFile((await download.path())!)).digest('hex');
		const stored = createHash('sha256');
		for await (const chunk of await stackStorage().read(m94().storagePath)) stored.update(chunk as Buffer);
		expect(got).toBe(stored.digest('hex'));
		await context.close();
	});

	it('names every download apart: the RGB cube FITS, the pictures, a full-size PNG of the stretch', async () => {
		const context = await ownerContext(DESKTOP);
		const page = await context.newPage();
		await open(page, `/stacks/${m94().id}`);
		const base = `M_94_${m94().chunkKey}`;
		await page.click('summary:has-text("More downloads")');
		const [cube] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("FITS, one RGB image")')]);
		expect(cube.suggestedFilename()).toBe(`${base}-rgb.fits`);
		const header = (await readFile((await cube.path())!)).subarray(0, 2880).toString('latin1');
		const axis = (n: number) => Number(new RegExp(`NAXIS${n}  =\\s+(\\d+)`).exec(header)?.[1]);
		expect([axis(1), axis(2), axis(3)]).toEqual([1080, 1920, 3]);
		expect(await page.locator('a:has-text("Picture, PNG")').getAttribute('download')).toBe(`${base}-picture.png`);
		expect(await page.locator('a:has-text("Picture, JPEG")').getAttribute('download')).toBe(`${base}-picture.jpg`);
		expect(await page.locator('a:has-text("Picture, JPEG")').getAttribute('href')).toBe(`/api/stacks/${m94().id}/picture?format=jpeg`);
		const [picture] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Picture, PNG")')]);
		expect(picture.suggestedFilename()).toBe(`${base}-picture.png`);
		const ihdr = (await readFile((await picture.path())!)).subarray(16, 26);
		// 16-bit RGB, the crop of the 1080 x 1920 stack (most of it).
		expect([ihdr[8], ihdr[9]]).toEqual([16, 2]);
		expect(ihdr.readUInt32BE(0) * ihdr.readUInt32BE(4)).toBeGreaterThan(0.8 * 1080 * 1920);
		// The stretch is the linear view's, saved at the stack's own size, not the viewer's 1024 px preview.
		await page.getByRole('button', { name: 'Linear' }).click();
		await page.locator('details.more').evaluate((menu: HTMLDetailsElement) => (menu.open = true));
		const stretch = page.locator('button:has-text("PNG of this stretch")');
		await expect.poll(() => stretch.isEnabled()).toBe(true);
		const [png] = await Promise.all([page.waitForEvent('download'), stretch.click()]);
		expect(png.suggestedFilename()).toBe(`${base}-stretch.png`);
		const saved = PNG.sync.read(await readFile((await png.path())!));
		expect([saved.width, saved.height]).toEqual([1080, 1920]);
		let lit = 0;
		for (let i = 0; i < saved.data.length; i += 4) if (saved.data[i] + saved.data[i + 1] + saved.data[i + 2] > 60) lit++;
		expect(lit).toBeGreaterThan(10_000);
		await context.close();
	});

	it('fits a phone; another user gets a 404 page', async () => {
		const context = await ownerContext(PHONE);
		const page = await context.newPage();
		await open(page, `/stacks/${m94().id}`);
		await expect(page.locator('.report tbody tr').count()).resolves.toBe(6);
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, 'phone-stack-page');
		await context.close();

		const stranger = await observer();
		const other = await browser.newContext({ viewport: DESKTOP });
		await other.addCookies([{ name: SESSION_COOKIE_NAME, value: stranger.cookie.split('=')[1], url: baseUrl() }]);
		const response = await (await other.newPage()).goto(`${baseUrl()}/stacks/${m94().id}`);
		expect(response?.status()).toBe(404);
		await other.close();
	});

	it('creates and revokes a share link, and deletes a stack after confirming', async () => {
		// A stack of the owner's own to delete: the stacked ones are shared with other test files.
		const victim = { id: await uploadStack(owner.cookie, starlessCube()) };
		// Shared: the M 94 stack, whose picture is larger than the page (zoom); revoked at the end, as found.
		const sharedId = m94().id;
		// Whatever other files did with it (stack-viewer shares it), it starts unshared.
		const reset = await fetch(`${baseUrl()}/api/stacks/${sharedId}/share`, { method: 'DELETE', headers: { cookie: owner.cookie, origin: baseUrl() } });
		expect(reset.status).toBe(200);
		const context = await ownerContext(DESKTOP);
		const page = await context.newPage();
		await open(page, `/stacks/${sharedId}`);
		await page.click('button:has-text("Create share link")');
		const url = (await page.locator('.actions .link code').textContent())!;
		expect(url).toMatch(new RegExp(`^${baseUrl()}/s/[\\w-]+$`));
		expect((await testDb().select().from(stackedFrames).where(eq(stackedFrames.id, sharedId)))[0].shareTokenHash).not.toBeNull();

		// A visitor sees the app's own formats and can zoom, on a desktop and a phone.
		for (const [device, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
			const visitor = await browser.newContext({ viewport });
			const shared = await visitor.newPage();
			expect((await shared.goto(url))?.status()).toBe(200);
			const facts = (await shared.locator('dl').textContent()) ?? '';
			expect(facts).toMatch(/\d\d:\d\d–\d\d:\d\d UTC/);
			expect(facts).toMatch(/\d+h \d\dm, [+−]\d+\.\d°/);
			expect(facts).not.toMatch(/\d{4}-\d\d-\d\dT|\.\d min|RA \d+\.\d+°/);
			const picture = shared.locator('[data-testid=shared-picture]');
			await shared.locator('[data-testid=shared-picture] img').evaluate((img: HTMLImageElement) => img.decode());
			const fitted = await picture.locator('img').evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width);
			await picture.click();
			await expect.poll(() => picture.getAttribute('aria-pressed')).toBe('true');
			const natural = await picture.locator('img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.getBoundingClientRect().width]);
			expect(natural[1]).toBeCloseTo(natural[0], 0);
			expect(natural[1]).toBeGreaterThan(fitted);
			expect(await scrollsSideways(shared)).toBe(false);
			await screenshot(shared, `${device}-share-page-zoomed`);
			await visitor.close();
		}

		// A new link is an explicit choice; the old one then says it was replaced, and a revoked one says so.
		await page.click('button:has-text("New share link")');
		await expect.poll(() => page.locator('.actions .link code').textContent()).not.toBe(url);
		const newUrl = (await page.locator('.actions .link code').textContent())!;
		const visitor = await browser.newContext({ viewport: PHONE });
		const old = await visitor.newPage();
		expect((await old.goto(url))?.status()).toBe(410);
		await expect(old.locator('h1').textContent()).resolves.toBe('This link no longer works');
		await expect(old.locator('main').textContent()).resolves.toContain('replaced this share link with a new one');
		await screenshot(old, 'phone-share-link-replaced');
		await page.click('button:has-text("Revoke link")');
		await page.locator('button:has-text("Create share link")').waitFor();
		expect((await testDb().select().from(stackedFrames).where(eq(stackedFrames.id, sharedId)))[0].shareTokenHash).toBeNull();
		expect((await old.goto(newUrl))?.status()).toBe(410);
		await expect(old.locator('main').textContent()).resolves.toContain('revoked this share link');
		await visitor.close();

		await open(page, `/stacks/${victim.id}`);
		await page.click('button:has-text("Delete stack…")');
		await page.locator('dialog[open]').waitFor();
		await page.click('dialog button:has-text("Keep it")');
		expect(await testDb().select().from(stackedFrames).where(eq(stackedFrames.id, victim.id))).toHaveLength(1);
		await page.click('button:has-text("Delete stack…")');
		await page.click('dialog button:has-text("Delete")');
		await page.waitForURL(`${baseUrl()}/stacks`);
		expect(await testDb().select().from(stackedFrames).where(eq(stackedFrames.id, victim.id))).toHaveLength(0);
		await expect.poll(() => galleryObjects(page).then((o) => o.length)).toBe(stacks.length);
		await context.close();
	});
});
