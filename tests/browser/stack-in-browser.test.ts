// The kernel pool in Chromium's Web Workers, from a page built by Vite like the app, under
// cross-origin isolation: the stack of the six real M 94 frames, plate-solved against the catalogue
// served over HTTP as a Compute tab gets it, must be byte-identical to Node's (solved from disk).
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskCatalogSource } from '../../src/lib/catalog/disk-source';
import { createNodePool } from '../../src/lib/stacking/pool/node-pool';
import { stackFrames } from '../../src/lib/stacking/stack-frames';
import { folderSources, M94 } from '../unit/stacking/helpers';
import { sharedHarness } from './build-harness';
import { launchChromium, stackInChromium, type Chromium } from './chromium';
import { ISOLATION_HEADERS, serveIsolated, type IsolatedServer } from './isolated-server';

const THREADS = 2;
let outDir: string;
let frameNames: string[];
let chromium: Chromium;

beforeAll(async () => {
	frameNames = (await readdir(M94)).filter((f) => f.endsWith('.fit')).sort();
	outDir = await sharedHarness();
	chromium = await launchChromium();
});

afterAll(async () => {
	await chromium?.close();
});

async function withServer<T>(headers: ((path: string) => Record<string, string>) | undefined, run: (s: IsolatedServer) => Promise<T>): Promise<T> {
	const server = await serveIsolated([{ prefix: '/', dir: outDir }, { prefix: '/frames/', dir: M94 }, { prefix: '/catalog/', dir: 'static/catalog' }], headers);
	try {
		return await run(server);
	} finally {
		await server.close();
	}
}

const frameUrls = (base: string) => frameNames.map((f) => `${base}/frames/${encodeURIComponent(f)}`);

describe('stacking in Chromium Web Workers', () => {
	it('gives the same FITS bytes as the Node worker_threads pool', async () => {
		const browser = await withServer(undefined, (s) => stackInChromium(chromium.page, s.url, frameUrls(s.url), THREADS, '/catalog/'));
		expect(browser.crossOriginIsolated).toBe(true);
		expect(browser.report.counts).toEqual({ input: 6, aligned: 6, rejected: 0 });
		expect(browser.report.frames.map((f) => f.status)).toEqual(Array(6).fill('aligned'));
		expect(browser.report.threads).toBe(THREADS);
		expect(browser.report.solve).toMatchObject({ solved: true });

		const pool = createNodePool(THREADS);
		try {
			const node = await stackFrames(await folderSources(M94), pool, { threads: THREADS, catalog: diskCatalogSource('static/catalog') });
			expect(browser.bytes).toBe(node.fits.length);
			expect(browser.sha256).toBe(createHash('sha256').update(node.fits).digest('hex'));
			expect(browser.report.reference).toBe(node.report.reference);
			expect(browser.report.frames.map((f) => f.transform)).toEqual(node.report.frames.map((f) => f.transform));
		} finally {
			await pool.close();
		}
	});

	it('rejects with the worker failure, not a hang, when the browser blocks the worker script', async () => {
		// Without COEP on the worker script, an isolated page may not run it (ERR_BLOCKED_BY_RESPONSE).
		const blockWorker = (path: string) => (/web-worker/.test(path) ? { 'Cross-Origin-Opener-Policy': 'same-origin' } : ISOLATION_HEADERS);
		const error = await withServer(blockWorker, async (s) => {
			await chromium.page.goto(`${s.url}/index.html`);
			return chromium.page.evaluate(async (urls) => {
				try {
					await window.stackFromUrls(urls, 2);
					return 'stacked';
				} catch (e) {
					return String(e);
				}
			}, frameUrls(s.url));
		});
		expect(error).toMatch(/nothing to stack/);
		expect(error).toMatch(/kernel worker \d failed: its script did not load/);
	});
});
