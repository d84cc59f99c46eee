/**
 * The installed app in Chromium against the real server: the manifest and its icons are valid,
 * the service worker registers and controls the pages, Chromium finds nothing that stops the
 * install, no page or API answer is ever kept in Cache Storage, a reload without a network shows
 * the offline page, and the Compute page stays cross-origin isolated with its workers (served by
 * the service worker) starting.
 *
 * A persistent profile: Chromium refuses to install anything in an incognito-like context, which is
 * what `browser.newContext()` gives.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackingJobs } from '$lib/server/db/schema';
import { baseUrl, CHROMIUM_ARGS, DESKTOP, screenshot } from '../helpers/browser';
import { testDb, withDb } from '../helpers/db';
import { open, register, type Person } from './accounts';

withDb({ shared: true });

interface ManifestIcon {
	src: string;
	sizes: string;
	type: string;
	purpose?: string;
}

/** Every URL in every Cache Storage cache of the page's origin. */
function cachedUrls(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		}
		return urls;
	});
}

let profile: string;
let context: BrowserContext;
let page: Page;
let person: Person;

beforeAll(async () => {
	profile = await mkdtemp(path.join(tmpdir(), 'crowdsky-pwa-'));
	context = await chromium.launchPersistentContext(profile, {
		executablePath: '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
		viewport: DESKTOP
	});
	page = context.pages()[0] ?? (await context.newPage());
	person = await register(page);
});

afterAll(async () => {
	await context?.close();
	if (profile) await rm(profile, { recursive: true, force: true });
});

describe('the web app manifest', () => {
	it('names the app, starts and scopes at /, is standalone and dark, with 192, 512 and maskable PNG icons of their stated sizes', async () => {
		await open(page, '/');
		const href = await page.locator('link[rel=manifest]').getAttribute('href');
		const url = new URL(href!, baseUrl()).href;
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/manifest+json');
		const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
		expect(manifest).toMatchObject({
			name: 'CrowdSky',
			short_name: 'CrowdSky',
			start_url: '/',
			scope: '/',
			display: 'standalone'
		});
		// Dark: every channel of both colours well below the middle.
		for (const key of ['background_color', 'theme_color']) {
			const hex = String(manifest[key]);
			expect(hex, key).toMatch(/^#[0-9a-f]{6}$/i);
			for (const channel of hex.slice(1).match(/../g)!) expect(parseInt(channel, 16), `${key} ${hex}`).toBeLessThan(0x30);
		}

		const sizes = new Set<string>();
		for (const icon of manifest.icons) {
			const png = await fetch(new URL(icon.src, url));
			expect(png.status, icon.src).toBe(200);
			expect(png.headers.get('content-type'), icon.src).toBe('image/png');
			expect(icon.type).toBe('image/png');
			const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
			expect(`${image.width}x${image.height}`, icon.src).toBe(icon.sizes);
			sizes.add(`${icon.sizes} ${icon.purpose ?? 'any'}`);
		}
		expect([...sizes]).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));

		const apple = await page.locator('link[rel=apple-touch-icon]').getAttribute('href');
		const touch = await fetch(new URL(apple!, baseUrl()));
		expect(touch.headers.get('content-type')).toBe('image/png');
		expect(PNG.sync.read(Buffer.from(await touch.arrayBuffer())).width).toBe(180);
	});
});

describe('the service worker', () => {
	it('registers, controls the page, and Chromium reports the app installable', async () => {
		await open(page, '/');
		const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
		expect(script).toBe(`${baseUrl()}/service-worker.js`);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
		const manifest = await cdp.send('Page.getAppManifest');
		expect(manifest.url).toBe(`${baseUrl()}/manifest.webmanifest`);
		expect(manifest.errors).toEqual([]);
		await cdp.detach();
	});

	it('keeps only build assets, static files and the offline page; no page or API answer, and those are marked private, no-store', async () => {
		const pages = ['/account', '/compute', '/upload', '/'];
		for (const path of pages) {
			const response = await open(page, path);
			expect(response?.status(), path).toBe(200);
			expect(response?.headers()['cache-control'], path).toBe('private, no-store');
		}
		const api = await page.evaluate(async () => {
			const r = await fetch('/api/compute/stats');
			return { status: r.status, cacheControl: r.headers.get('cache-control') };
		});
		expect(api).toEqual({ status: 200, cacheControl: 'private, no-store' });
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

		const cached = (await cachedUrls(page)).map((u) => new URL(u));
		expect(cached.length).toBeGreaterThan(0);
		for (const url of cached) {
			expect(url.origin).toBe(baseUrl());
			const shared = url.pathname.startsWith('/_app/immutable/') || url.pathname === '/offline' ||
				/^\/(favicon\.svg|manifest\.webmanifest|icons\/[\w-]+\.png)$/.test(url.pathname);
			expect(shared, `${url.pathname} is in Cache Storage`).toBe(true);
		}
		expect(cached.map((u) => u.pathname)).toContain('/offline');

		// The cached offline page was built without a session: nothing of this user is in it.
		const offlineHtml = await page.evaluate(async () => (await caches.match('/offline'))?.text());
		expect(offlineHtml).toContain('You are offline');
		expect(offlineHtml).not.toContain(person.username);
	});
});

describe('the Compute page under the service worker', () => {
	it('is cross-origin isolated, gets its worker from the service worker with COEP (even from a cached copy without it), and the pool starts', async () => {
		// Jobs left due by other test files would be claimed here: move them out of the way.
		await testDb()
			.update(stackingJobs)
			.set({ runAt: new Date(Date.now() + 365 * 24 * 3600 * 1000) })
			.where(inArray(stackingJobs.status, ['pending', 'retry']));
		// A cache filled by an older server or a proxy may lack the isolation headers: the worker adds them.
		await open(page, '/');
		const stripped = await page.evaluate(async () => {
			const urls: string[] = [];
			for (const name of await caches.keys()) {
				const cache = await caches.open(name);
				for (const request of await cache.keys()) {
					if (!/\/_app\/immutable\/workers\/.*\.js$/.test(request.url)) continue;
					const cached = (await cache.match(request))!;
					const headers = { 'content-type': cached.headers.get('content-type') ?? 'text/javascript' };
					await cache.put(request, new Response(await cached.blob(), { headers }));
					urls.push(request.url);
				}
			}
			return urls;
		});
		expect(stripped.length).toBeGreaterThan(0);
		const workerScripts: { fromServiceWorker: boolean; coep: string | undefined }[] = [];
		const onResponse = (response: import('playwright-core').Response) => {
			if (response.url().includes('/_app/immutable/workers/') && response.url().endsWith('.js')) {
				workerScripts.push({ fromServiceWorker: response.fromServiceWorker(), coep: response.headers()['cross-origin-embedder-policy'] });
			}
		};
		context.on('response', onResponse);
		try {
			await open(page, '/compute');
			expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
			expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
			await page.selectOption('[data-testid=pool-size]', '1');
			await page.click('[data-testid=start]');
			await page.locator('[data-testid=waiting]').waitFor({ timeout: 60_000 });
			expect(await page.locator('[data-testid=compute-state]').textContent()).toContain('Computing with 1 worker');
			await expect(page.locator('[data-testid=fatal]').count()).resolves.toBe(0);
			await screenshot(page, 'pwa-compute-controlled');
			await page.click('[data-testid=pause]');
			await page.locator('[data-testid=compute-state]', { hasText: 'Paused' }).waitFor();
		} finally {
			context.off('response', onResponse);
		}
		expect(workerScripts.length).toBeGreaterThan(0);
		expect(workerScripts).toContainEqual({ fromServiceWorker: true, coep: 'require-corp' });
	});
});

describe('offline', () => {
	it('a reload without a network shows the offline page, which says Compute and Upload need the network', async () => {
		await open(page, '/account');
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		await context.setOffline(true);
		try {
			for (const path of ['/account', '/compute']) {
				const response = await page.goto(`${baseUrl()}${path}`);
				expect(response?.fromServiceWorker(), path).toBe(true);
				expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
				await expect(page.locator('h1').textContent()).resolves.toBe('You are offline');
				const text = await page.locator('[data-testid=offline-shell]').textContent();
				expect(text).toMatch(/Compute and Upload need the network/);
				expect(await page.content()).not.toContain(person.username);
			}
			await page.reload();
			await expect(page.locator('h1').textContent()).resolves.toBe('You are offline');
			await screenshot(page, 'pwa-offline');
		} finally {
			await context.setOffline(false);
		}
	});
});
