/**
 * The Stacks and Stack pages in Chromium under their Content Security Policy, with real stacks
 * (M 94 and NGC 7023 stacked by a trusted runner): every thumbnail shows after each of 10 reloads
 * and nothing is refused on any page a user visits; the stack page's viewer fills its box with a
 * portrait stack on a desktop and on a phone, draws a per-channel histogram that follows the
 * stretch, and opens on the finished picture with a switch to the linear stack. Screenshots go to
 * test-results/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackedFrames } from '$lib/server/db/schema';
import { baseUrl, DESKTOP, launchBrowser, screenshot, scrollsSideways } from '../helpers/browser';
import { watchCsp, watchCspIn } from '../helpers/csp-watch';
import { withDb } from '../helpers/db';
import { open } from './accounts';
import { observerContext, observerWithStacks } from './runner-steps';

withDb({ shared: true });

/** The phone the issue names (an iPhone 12–15's CSS viewport). */
const PHONE_390 = { width: 390, height: 844 };
const RELOADS = 10;

let browser: Browser;
let owner: { id: number; cookie: string };
let stacks: (typeof stackedFrames.$inferSelect)[];
const m94 = () => stacks.find((s) => s.objectName === 'M 94')!;

beforeAll(async () => {
	browser = await launchBrowser();
	({ owner, stacks } = await observerWithStacks());
}, 600_000);
afterAll(async () => {
	await browser?.close();
});

async function watchedPage(viewport: { width: number; height: number }) {
	const context = await observerContext(browser, owner.cookie, viewport);
	await watchCspIn(context);
	const page = await context.newPage();
	return { context, page, csp: watchCsp(page) };
}

/** Each thumbnail's decoded width and computed opacity. */
function thumbnails(page: Page): Promise<{ naturalWidth: number; opacity: string }[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLImageElement>('.gallery .thumb img')].map((img) => ({
			naturalWidth: img.naturalWidth,
			opacity: getComputedStyle(img).opacity
		}))
	);
}

describe('thumbnails and the Content Security Policy', () => {
	it(`every thumbnail on /stacks is visible after each of ${RELOADS} reloads, with no CSP violation`, async () => {
		const { context, page, csp } = await watchedPage(DESKTOP);
		await open(page, '/stacks');
		expect(stacks.length).toBeGreaterThanOrEqual(3);
		for (let load = 0; load < RELOADS; load++) {
			if (load > 0) {
				await page.reload();
				await page.waitForLoadState('networkidle');
			}
			await page.locator('.gallery').scrollIntoViewIfNeeded();
			const all = { naturalWidth: expect.any(Number), opacity: '1' };
			await expect
				.poll(() => thumbnails(page), { timeout: 10_000, message: `load ${load + 1}` })
				.toEqual(stacks.map(() => all));
			for (const t of await thumbnails(page)) expect(t.naturalWidth, `load ${load + 1}`).toBeGreaterThan(0);
			expect(await csp.violations(), `CSP violations on load ${load + 1}`).toEqual([]);
		}
		expect(csp.refusals()).toEqual([]);
		await context.close();
	});

	it('no CSP violation on any page a user visits, their own share page included', async () => {
		const share = await fetch(`${baseUrl()}/api/stacks/${m94().id}/share`, {
			method: 'POST',
			headers: { cookie: owner.cookie, origin: baseUrl(), 'content-type': 'application/json' },
			body: JSON.stringify({ location: false })
		});
		expect(share.status).toBe(200);
		const sharePath = new URL(((await share.json()) as { url: string }).url).pathname;
		const { context, page, csp } = await watchedPage(DESKTOP);
		const pages = ['/', '/upload', '/stacks', `/stacks/${m94().id}`, sharePath, '/compute', '/account', '/status', '/offline'];
		for (const path of pages) {
			const response = await open(page, path);
			expect(response?.status(), path).toBe(200);
			expect(await csp.violations(), `CSP violations on ${path}`).toEqual([]);
		}
		// Logged out: the forms.
		await context.clearCookies();
		for (const path of ['/login', '/register', sharePath]) {
			await open(page, path);
			expect(await csp.violations(), `CSP violations on ${path}`).toEqual([]);
		}
		expect(csp.refusals()).toEqual([]);
		await context.close();
		// The stack is shared with other files: left unshared, as found.
		const revoked = await fetch(`${baseUrl()}/api/stacks/${m94().id}/share`, { method: 'DELETE', headers: { cookie: owner.cookie, origin: baseUrl() } });
		expect(revoked.status).toBe(200);
	});
});

/** The viewer's stage and the picture drawn in it (the fitted view), in CSS pixels. */
function viewerGeometry(page: Page) {
	return page.evaluate(() => {
		const stage = document.querySelector<HTMLElement>('.stage')!;
		const canvas = stage.querySelector('canvas')!;
		const [scale, ox, oy, w, h] = ['scale', 'ox', 'oy', 'imageWidth', 'imageHeight'].map((k) => Number(canvas.dataset[k]));
		return { stageWidth: stage.clientWidth, stageHeight: stage.clientHeight, left: ox, top: oy, width: w * scale, height: h * scale };
	});
}

describe('the stack page viewer', () => {
	it.each([
		['desktop', DESKTOP],
		['phone', PHONE_390]
	] as const)('a portrait stack fills the viewer on a %s', async (device, viewport) => {
		const { context, page, csp } = await watchedPage(viewport);
		await open(page, `/stacks/${m94().id}`);
		await expect.poll(() => page.evaluate(() => document.querySelector<HTMLImageElement>('.stage img')?.naturalWidth ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
		await screenshot(page, `${device}-stack-picture`);
		await page.getByRole('button', { name: 'Linear' }).click();
		await page.locator('.stage canvas[data-scale]').waitFor();
		const g = await viewerGeometry(page);
		// Portrait: taller than wide, and the picture covers the stage edge to edge.
		expect(g.height).toBeGreaterThan(g.width);
		expect(Math.abs(g.left)).toBeLessThanOrEqual(1);
		expect(Math.abs(g.top)).toBeLessThanOrEqual(1);
		expect(Math.abs(g.width - g.stageWidth)).toBeLessThanOrEqual(2);
		expect(Math.abs(g.height - g.stageHeight)).toBeLessThanOrEqual(2);
		// And the stage is big: most of a phone's width, most of a desktop's height.
		if (device === 'phone') expect(g.stageWidth).toBeGreaterThan(0.85 * viewport.width);
		else expect(g.stageHeight).toBeGreaterThan(0.6 * viewport.height);
		expect(await scrollsSideways(page)).toBe(false);
		await screenshot(page, `${device}-stack-viewer`);
		expect(await csp.violations()).toEqual([]);
		await open(page, '/stacks');
		await page.locator('.gallery').scrollIntoViewIfNeeded();
		await expect.poll(async () => (await thumbnails(page)).every((t) => t.opacity === '1')).toBe(true);
		await screenshot(page, `${device}-stacks-gallery`);
		await context.close();
	});

	it('the picture shows first (the crop, stretched, as a JPEG); Linear switches to the stretch, whose histogram marks the black points and follows it', async () => {
		const { context, page, csp } = await watchedPage(DESKTOP);
		await open(page, `/stacks/${m94().id}`);
		const picture = page.getByRole('button', { name: 'Picture' });
		const linear = page.getByRole('button', { name: 'Linear' });
		await expect.poll(() => picture.getAttribute('aria-pressed')).toBe('true');
		const shown = page.locator('.stage img');
		await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBeGreaterThan(0);
		const size = await shown.evaluate((img: HTMLImageElement) => ({ src: img.src, width: img.naturalWidth, height: img.naturalHeight }));
		expect(size.src).toContain(`/api/stacks/${m94().id}/picture?format=jpeg`);
		// The crop of a 1080 x 1920 stack: portrait, at most the stack's size, most of it kept.
		expect(size.width).toBeLessThanOrEqual(1080);
		expect(size.height).toBeLessThanOrEqual(1920);
		expect(size.width * size.height).toBeGreaterThan(0.8 * 1080 * 1920);
		await linear.click();
		expect(await linear.getAttribute('aria-pressed')).toBe('true');
		expect(await page.locator('.stage img').count()).toBe(0);

		const histogram = page.locator('canvas.histogram');
		await histogram.waitFor();
		const marks = async () => {
			const [black, white] = await Promise.all(['data-black', 'data-white'].map((a) => histogram.getAttribute(a)));
			return { black: black!.split(',').map(Number), white: Number(white) };
		};
		await expect.poll(async () => (await marks()).black.length).toBe(3);
		const before = await marks();
		for (const x of before.black) expect(x).toBeGreaterThan(0);
		for (const x of before.black) expect(x).toBeLessThan(before.white);
		// R, G and B each drawn: the canvas has pixels of each channel's colour.
		const colours = await page.evaluate(() => {
			const c = document.querySelector<HTMLCanvasElement>('canvas.histogram')!;
			const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
			const lit = [0, 0, 0];
			for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) if (d[i + k] > 120) lit[k]++;
			return lit;
		});
		for (const n of colours) expect(n).toBeGreaterThan(50);

		// A higher black point moves every channel's mark right.
		await page.locator('input[type=range]').first().fill('2');
		await expect.poll(async () => (await marks()).black.every((x, c) => x > before.black[c])).toBe(true);
		await screenshot(page, 'desktop-stack-histogram');
		expect(await csp.violations()).toEqual([]);
		await context.close();
	});
});
