// The solver in the page, as a Compute tab runs it: the kernel pool in a Web Worker and the
// catalogue fetched from the app's /catalog/.
import { fetchCatalogSource } from '../../../src/lib/catalog';
import { solveStars, type SolveInput } from '../../../src/lib/solve';
import { createWebPool } from '../../../src/lib/stacking/pool/web-pool';
import type { BrowserSolve } from './protocol';

/** Solves `input` `repeats` times (each fetching its tiles again); the result is the last one's. */
async function solveInBrowser(input: SolveInput, catalogUrl: string, repeats: number): Promise<BrowserSolve> {
	const pool = createWebPool(1);
	const source = fetchCatalogSource(new URL(catalogUrl, location.href).href);
	try {
		const solveMs: number[] = [];
		let json = '';
		for (let i = 0; i < repeats; i++) {
			const started = performance.now();
			const result = await solveStars(pool, source, input);
			solveMs.push(performance.now() - started);
			json = JSON.stringify(result);
		}
		return { json, solveMs };
	} finally {
		await pool.close();
	}
}

window.solveInBrowser = solveInBrowser;
