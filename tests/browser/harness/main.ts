// The page the browser tests and the benchmark drive: downloads frames into memory and stacks them
// with the Web Worker pool, as a Compute tab does (its pool outlives a job, so it is up while the
// frames arrive); solves star lists (./solve.ts); maps pixels to the sky and takes log10s (./sky.ts);
// makes a stack's picture (./picture.ts).
import './picture';
import './sky';
import './solve';
import { fetchCatalogSource } from '../../../src/lib/catalog/source';
import { bytesSource, rejectionLines, StackError, stackFrames } from '../../../src/lib/stacking';
import { createWebPool } from '../../../src/lib/stacking/pool/web-pool';
import { sha256Hex } from '../../../src/lib/util/sha256';
import type { BrowserStack } from './protocol';

async function download(url: string): Promise<{ name: string; bytes: Uint8Array }> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	const name = decodeURIComponent(new URL(url, location.href).pathname.split('/').pop()!);
	return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** Stacks the frames at `urls`; with `catalogUrl`, solved against the catalogue served there, as a Compute tab does. */
async function stackFromUrls(urls: string[], threads: number, catalogUrl?: string): Promise<BrowserStack> {
	const started = performance.now();
	const pool = createWebPool(threads);
	try {
		const files = await Promise.all(urls.map(download));
		const fetched = performance.now();
		const catalog = catalogUrl === undefined ? undefined : fetchCatalogSource(new URL(catalogUrl, location.href).href);
		const { fits, report } = await stackFrames(files.map((f) => bytesSource(f.name, f.bytes)), pool, { threads, catalog });
		const stacked = performance.now();
		return {
			sha256: await sha256Hex(fits),
			bytes: fits.length,
			report,
			fetchMs: fetched - started,
			stackMs: stacked - fetched,
			crossOriginIsolated
		};
	} catch (err) {
		// The per-frame reasons say what went wrong (e.g. a worker that did not load).
		if (err instanceof StackError) throw new Error([err.message, ...rejectionLines(err.report)].join('\n'));
		throw err;
	} finally {
		await pool.close();
	}
}

window.stackFromUrls = stackFromUrls;
