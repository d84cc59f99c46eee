/**
 * Every page in Chromium under its Content Security Policy: no violation is reported (a listener
 * installed before any page script records `securitypolicyviolation` events, and the console is
 * watched for refusals), the Compute page's Web Workers start and compile the WASM kernel, the
 * Upload page hashes (crypto.subtle), remembers (IndexedDB) and uploads real frames. Every
 * response seen on the way carries the security headers; every page names the policy's directives.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, useBrowser } from '../helpers/browser';
import { watchCsp, watchCspIn, type CspWatch } from '../helpers/csp-watch';
import { withDb } from '../helpers/db';
import { open, register } from './accounts';

withDb({ shared: true });

const DATA = path.resolve(new URL('../../', import.meta.url).pathname, '../shared/data/seestar/M94_set2_20250327');

/** Directives the policy must hold, each with the sources it must list exactly. */
const REQUIRED_DIRECTIVES: Record<string, string[]> = {
	'default-src': ["'self'"],
	'connect-src': ["'self'"],
	'img-src': ["'self'", 'data:', 'blob:'],
	'object-src': ["'none'"],
	'base-uri': ["'self'"],
	'form-action': ["'self'"],
	'worker-src': ["'self'"]
};

const browser = useBrowser();

interface Watched extends CspWatch {
	context: BrowserContext;
	page: Page;
	responses: Response[];
}

/** A context whose pages record CSP violations from their first script on, plus console errors and responses. */
async function watchedContext(): Promise<Watched> {
	const context = await browser().newContext();
	await watchCspIn(context);
	const page = await context.newPage();
	const responses: Response[] = [];
	context.on('response', (response) => responses.push(response));
	return { context, page, responses, ...watchCsp(page) };
}

/** The policy as directive → sources. */
function parsePolicy(policy: string): Map<string, string[]> {
	const directives = new Map<string, string[]>();
	for (const part of policy.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name) directives.set(name, sources);
	}
	return directives;
}

function checkPolicy(
	policy: string | null | undefined,
	where: string,
	{ fromMeta = false, inlineScripts = 0 }: { fromMeta?: boolean; inlineScripts?: number }
): void {
	expect(policy, `${where} has no Content-Security-Policy`).toBeTruthy();
	const directives = parsePolicy(policy!);
	for (const [name, sources] of Object.entries(REQUIRED_DIRECTIVES)) {
		expect(directives.get(name)?.sort(), `${where}: ${name}`).toEqual([...sources].sort());
	}
	const scripts = directives.get('script-src') ?? [];
	expect(scripts, `${where}: script-src`).toContain("'self'");
	expect(scripts, `${where}: script-src`).toContain("'wasm-unsafe-eval'");
	expect(scripts, `${where}: script-src must not allow eval or any inline script`).not.toContain("'unsafe-eval'");
	expect(scripts).not.toContain("'unsafe-inline'");
	// SvelteKit's inline start-up script is allowed by a nonce (rendered pages) or a hash (prerendered).
	if (inlineScripts > 0) {
		expect(scripts.some((s) => /^'(nonce|sha256)-/.test(s)), `${where}: script-src has no nonce or hash: ${scripts}`).toBe(true);
	}
	// Browsers ignore frame-ancestors in a <meta> policy; X-Frame-Options covers that case.
	if (!fromMeta) expect(directives.get('frame-ancestors'), `${where}: frame-ancestors`).toEqual(["'none'"]);
}

/** Headers every answer of the app itself carries (hooks.server.ts), whatever its type. */
function checkCommonHeaders(response: Response): void {
	const headers = response.headers();
	const where = `${response.request().method()} ${response.url()} (${response.status()})`;
	expect(headers['x-content-type-options'], where).toBe('nosniff');
	expect(headers['x-frame-options'], where).toBe('DENY');
	expect(headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
	// Plain http here: HSTS belongs to https answers only.
	expect(headers['strict-transport-security'], where).toBeUndefined();
}

/** Opens a page, checks its document's policy and that nothing was refused. */
async function visit(watched: Watched, pathname: string, expectedStatus = 200): Promise<void> {
	const response = await open(watched.page, pathname);
	expect(response?.status(), pathname).toBe(expectedStatus);
	const policy = response!.headers()['content-security-policy'];
	const inlineScripts = await watched.page.locator('script:not([src])').count();
	if (policy) {
		checkPolicy(policy, pathname, { inlineScripts });
		checkCommonHeaders(response!);
	} else {
		// A prerendered page is served as a file: its policy is in a <meta> tag.
		const meta = await watched.page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
		checkPolicy(meta, `${pathname} (meta)`, { fromMeta: true, inlineScripts });
	}
	expect(await watched.violations(), `CSP violations on ${pathname}`).toEqual([]);
}

function checkNoRefusals(watched: Watched): void {
	expect(watched.refusals()).toEqual([]);
	for (const response of watched.responses) {
		const url = new URL(response.url());
		if (url.origin !== baseUrl()) continue;
		// Pages and API answers go through hooks.server.ts; built assets are files adapter-node serves first.
		if (response.request().resourceType() === 'document' && response.headers()['content-security-policy']) {
			checkCommonHeaders(response);
		}
		if (url.pathname.startsWith('/api/')) checkCommonHeaders(response);
	}
}

describe('Content Security Policy on every page', () => {
	it('anonymous pages: policy present, nothing refused; an injected inline script is refused and reported', async () => {
		const watched = await watchedContext();
		for (const pathname of ['/', '/login', '/register']) await visit(watched, pathname);
		await visit(watched, '/offline');
		await visit(watched, '/s/not-a-share-token', 404);
		await visit(watched, '/no-such-page', 404);

		// The listener works and the policy is enforced, not only sent: an injected inline script does not run.
		await open(watched.page, '/');
		const ran = await watched.page.evaluate(async () => {
			const script = document.createElement('script');
			script.textContent = 'window.injectedScriptRan = true';
			document.head.append(script);
			await new Promise((resolve) => setTimeout(resolve, 200));
			return (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan === true;
		});
		expect(ran).toBe(false);
		expect((await watched.violations()).join('\n')).toContain('script-src');
		watched.consoleErrors.length = 0;
		checkNoRefusals(watched);
		await watched.context.close();
	});

	it("a logged-in observer's pages, the Compute page's workers and WASM, and the Upload page", async () => {
		const watched = await watchedContext();
		const { page } = watched;
		await register(page);
		await visit(watched, '/stacks/999999999', 404);
		for (const pathname of ['/account', '/status', '/stacks', '/upload', '/compute']) await visit(watched, pathname);

		// Compute: the pool's workers start only once each has compiled the kernel (memoryBytes needs it).
		await page.click('[data-testid=start]');
		await page.waitForFunction(
			() =>
				/Computing with \d+ worker/.test(document.querySelector('[data-testid=compute-state]')?.textContent ?? '') ||
				document.querySelector('[data-testid=fatal]') !== null,
			undefined,
			{ timeout: 60_000 }
		);
		expect(await page.locator('[data-testid=fatal]').count(), await page.locator('main').textContent() ?? '').toBe(0);
		await page.click('[data-testid=pause]');
		expect(await watched.violations(), 'CSP violations while computing').toEqual([]);
		// The workers run under their script's own policy, not the page's: it must be there and allow no eval.
		const workerScripts = watched.responses.filter((r) => /\/_app\/immutable\/workers\/.+\.js$/.test(new URL(r.url()).pathname));
		expect(workerScripts.length).toBeGreaterThan(0);
		for (const script of workerScripts) {
			const policy = parsePolicy((await script.allHeaders())['content-security-policy'] ?? '');
			expect(policy.get('script-src'), script.url()).toEqual(["'self'", "'wasm-unsafe-eval'"]);
			expect(policy.get('connect-src'), script.url()).toEqual(["'self'"]);
			expect(policy.get('default-src'), script.url()).toEqual(["'self'"]);
		}

		// Upload: hashing with crypto.subtle, the session kept in IndexedDB, the frames PUT.
		await open(page, '/upload');
		const frames = (await readdir(DATA)).filter((n) => n.endsWith('.fit')).sort().slice(0, 2).map((n) => path.join(DATA, n));
		await page.setInputFiles('[data-testid=file-input]', frames);
		await page.locator('button:has-text("Upload 2 frames")').click();
		await page.waitForFunction(
			() => document.querySelector('[data-testid=upload-status]')?.textContent?.includes('All frames are on the server.'),
			undefined,
			{ timeout: 60_000 }
		);
		const stores = await page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
		expect(stores).toContain('crowdsky-upload');
		expect(await watched.violations(), 'CSP violations while uploading').toEqual([]);
		checkNoRefusals(watched);
		expect(watched.responses.some((r) => r.url().includes('/api/uploads/') && r.status() === 201)).toBe(true);
		await watched.context.close();
	});
});
