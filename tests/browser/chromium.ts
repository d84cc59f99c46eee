// Headless Debian Chromium on a fresh profile, and the harness page driven in it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/browser';
import type { SolveInput } from '../../src/lib/solve';
import type { BrowserPicture, BrowserSky, BrowserSolve, BrowserStack, PlanesFile, SkyPoints } from './harness/protocol';

export interface Chromium {
	context: BrowserContext;
	page: Page;
	/** The profile directory, unique to this launch (it identifies the browser's processes). */
	userDataDir: string;
	close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
	const userDataDir = await mkdtemp(join(tmpdir(), 'crowdsky-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		userDataDir,
		async close() {
			await context.close();
			await rm(userDataDir, { recursive: true, force: true });
		}
	};
}

/**
 * Opens the harness at `baseUrl` and runs `call` there. Fails at the first console error or page
 * error (a blocked worker script, a wasm that did not load) with its text, instead of waiting for
 * a result that will never come.
 */
async function inHarness<T>(page: Page, baseUrl: string, call: () => Promise<T>): Promise<T> {
	let onError: (e: Error) => void = () => {};
	const failed = new Promise<never>((_, reject) => (onError = reject));
	const consoleError = (m: ConsoleMessage) => {
		if (m.type() === 'error') onError(new Error(`console error in the harness page: ${m.text()} (${m.location().url})`));
	};
	const pageError = (e: Error) => onError(new Error(`page error in the harness page: ${e.message}`));
	page.on('console', consoleError);
	page.on('pageerror', pageError);
	try {
		await page.goto(`${baseUrl}/index.html`);
		return await Promise.race([call(), failed]);
	} finally {
		page.off('console', consoleError);
		page.off('pageerror', pageError);
	}
}

/** Stacks `frameUrls` in the harness at `baseUrl` with `threads` Web Workers. */
export function stackInChromium(page: Page, baseUrl: string, frameUrls: string[], threads: number, catalogUrl?: string): Promise<BrowserStack> {
	return inHarness(page, baseUrl, () =>
		page.evaluate(([urls, n, catalog]) => window.stackFromUrls(urls, n, catalog ?? undefined), [frameUrls, threads, catalogUrl ?? null] as [string[], number, string | null])
	);
}

/** Solves `input` `repeats` times in the harness at `baseUrl`, the catalogue served at `catalogUrl`. */
export function solveInChromium(page: Page, baseUrl: string, input: SolveInput, catalogUrl: string, repeats: number): Promise<BrowserSolve> {
	return inHarness(page, baseUrl, () =>
		page.evaluate(([i, url, n]) => window.solveInBrowser(i, url, n), [input, catalogUrl, repeats] as [SolveInput, string, number])
	);
}

/** Maps `cases` to the sky and takes the log10 of `values` in the harness at `baseUrl`. */
export function skyInChromium(page: Page, baseUrl: string, cases: SkyPoints[], values: number[]): Promise<BrowserSky> {
	return inHarness(page, baseUrl, () => page.evaluate(([c, v]) => window.skyInBrowser(c, v), [cases, values] as [SkyPoints[], number[]]));
}

/** Makes the picture of the planes served as `planes` in the harness at `baseUrl`. */
export function pictureInChromium(page: Page, baseUrl: string, planes: PlanesFile): Promise<BrowserPicture> {
	return inHarness(page, baseUrl, () => page.evaluate((p) => window.pictureInBrowser(p), planes));
}
