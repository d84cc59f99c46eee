// The solver in a Chromium tab (kernel pool in a Web Worker, catalogue fetched over HTTP) must give
// Node's result byte for byte: the same JSON of every number the solver computes, solved or not.
// JS Math differs between Node 20's V8 and Chromium's (sin, cos, atan2, exp, log, pow disagree in
// the last bit on a few % of arguments), so only a solver whose arithmetic runs in the WASM kernel
// can pass this.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskCatalogSource } from '../../src/lib/catalog/disk-source';
import { solveStars, type SolveInput } from '../../src/lib/solve';
import { loadKernel } from '../../src/lib/stacking/kernel/node';
import { createLocalPool } from '../../src/lib/stacking/pool/local-pool';
import { Rng } from '../synthetic/rng';
import { m94SolveInput } from '../unit/solve/solve-inputs';
import { offsetSky, skyStarList } from '../unit/solve/star-lists';
import { sharedHarness } from './build-harness';
import { launchChromium, solveInChromium, type Chromium } from './chromium';
import { serveIsolated, type IsolatedServer } from './isolated-server';
import { solverJson } from './solver-json';

const CATALOG_DIR = 'static/catalog';
let outDir: string;
let chromium: Chromium;
let server: IsolatedServer;
const inputs: [string, SolveInput][] = [];

beforeAll(async () => {
	outDir = await sharedHarness();
	server = await serveIsolated([
		{ prefix: '/', dir: outDir },
		{ prefix: '/catalog/', dir: CATALOG_DIR }
	]);
	chromium = await launchChromium();
	const m94 = await m94SolveInput();
	const synthetic = await skyStarList(diskCatalogSource(CATALOG_DIR), new Rng(5), { ra: 83.8, dec: -5.4, angleDeg: 25 });
	inputs.push(
		['the M 94 stack', m94],
		['a catalogue star list in Orion, turned 25°', synthetic.input],
		['the M 94 stack with a hint 5° off (unsolved)', { ...m94, hint: offsetSky(m94.hint, 5, 0) }]
	);
}, 120_000);

afterAll(async () => {
	await chromium?.close();
	await server?.close();
});

describe('solving in Chromium', () => {
	it('gives the same result as Node, byte for byte', async () => {
		const pool = createLocalPool(loadKernel());
		try {
			for (const [label, input] of inputs) {
				const node = solverJson(JSON.stringify(await solveStars(pool, diskCatalogSource(CATALOG_DIR), input)));
				const browser = await solveInChromium(chromium.page, server.url, input, '/catalog/', 1);
				console.log(`${label}: Chromium ${browser.solveMs[0].toFixed(0)} ms, ${node.slice(0, 160)}…`);
				expect(solverJson(browser.json), label).toBe(node);
			}
			expect(inputs.map(([, i]) => i.stars.length).every((n) => n > 0)).toBe(true);
		} finally {
			await pool.close();
		}
	});
});
