// The kernel's pixel → sky and log10 in a Chromium tab (Web Worker pool) must give Node's bytes
// exactly: a stack's star positions and zero point are re-made by the server's spot check in Node,
// which requires identical files. JS Math is not host-independent; the counts below say how much.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pixelToSky } from '../../src/lib/wcs';
import { loadKernel } from '../../src/lib/stacking/kernel/node';
import { log10Values, skyCases } from '../../wasm-stacker/tests/sky-cases';
import { sharedHarness } from './build-harness';
import { launchChromium, skyInChromium, type Chromium } from './chromium';
import { serveIsolated, type IsolatedServer } from './isolated-server';

let outDir: string;
let chromium: Chromium;
let server: IsolatedServer;

beforeAll(async () => {
	outDir = await sharedHarness();
	server = await serveIsolated([{ prefix: '/', dir: outDir }]);
	chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
	await chromium?.close();
	await server?.close();
});

function hex(a: Float64Array): string {
	return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

/** Doubles (16 hex digits each) that differ between two hex strings of the same length. */
function differing(a: string, b: string): number {
	let n = 0;
	for (let i = 0; i < a.length; i += 16) if (a.slice(i, i + 16) !== b.slice(i, i + 16)) n++;
	return n;
}

describe('pixel → sky and log10 in Chromium', () => {
	it('give Node’s bytes exactly on 10,000 points and 10,000 values', async () => {
		const cases = skyCases(1000);
		const values = log10Values(10000);
		const kernel = await loadKernel();
		const nodeSky = cases.map(({ wcs, xy }) => hex(kernel.pixelsToSky(wcs, xy)));
		const nodeLogs = hex(kernel.log10(values));
		const nodeMathSky = cases.map(({ wcs, xy }) => {
			const out = new Float64Array(xy.length);
			for (let i = 0; i < xy.length; i += 2) {
				const { ra, dec } = pixelToSky(wcs, xy[i], xy[i + 1]);
				out[i] = ra;
				out[i + 1] = dec;
			}
			return hex(out);
		});
		const nodeMathLogs = hex(values.map(Math.log10));

		const browser = await skyInChromium(
			chromium.page,
			server.url,
			cases.map(({ wcs, xy }) => ({ wcs, xy: Array.from(xy) })),
			Array.from(values)
		);

		const points = cases.reduce((n, c) => n + c.xy.length / 2, 0);
		const sum = (f: (i: number) => number) => cases.reduce((n, _, i) => n + f(i), 0);
		console.log(
			`${points} points, ${values.length} values. Kernel: Chromium ≠ Node on ${sum((i) => differing(browser.sky[i], nodeSky[i]))} coordinates, ` +
				`${differing(browser.logs, nodeLogs)} log10s. JS Math (src/lib/wcs pixelToSky, Math.log10): Chromium ≠ Node on ` +
				`${sum((i) => differing(browser.mathSky[i], nodeMathSky[i]))} of ${2 * points} coordinates, ${differing(browser.mathLogs, nodeMathLogs)} log10s; ` +
				`Node's Math ≠ the kernel on ${sum((i) => differing(nodeMathSky[i], nodeSky[i]))} coordinates, ${differing(nodeMathLogs, nodeLogs)} log10s`
		);
		expect(points).toBe(10000);
		cases.forEach(({ label }, i) => expect(browser.sky[i], label).toBe(nodeSky[i]));
		expect(browser.logs).toBe(nodeLogs);
	});
});
