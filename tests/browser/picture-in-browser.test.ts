// The picture is made in the Compute tab's live preview and at intake in Node: the same linear
// stack must give the same picture bytes in both, or a preview would not show what is kept.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePicture } from '../../src/lib/picture';
import { generated } from '../unit/picture/scene';
import { sharedHarness } from './build-harness';
import { launchChromium, pictureInChromium, type Chromium } from './chromium';
import { serveIsolated, type IsolatedServer } from './isolated-server';

let outDir: string;
let planesDir: string;
let chromium: Chromium;
let server: IsolatedServer;

beforeAll(async () => {
	outDir = await sharedHarness();
	planesDir = await mkdtemp(join(tmpdir(), 'crowdsky-planes-'));
	server = await serveIsolated([{ prefix: '/', dir: outDir }, { prefix: '/planes/', dir: planesDir }]);
	chromium = await launchChromium();
}, 120_000);

afterAll(async () => {
	await chromium?.close();
	await server?.close();
	await rm(planesDir, { recursive: true, force: true });
});

describe('the picture in Chromium', () => {
	it('is Node’s picture byte for byte, on the generated stack (gradient, cast, galaxy, stars, a saturated one, thin edges)', async () => {
		const { input } = generated();
		const n = input.width * input.height;
		const file = new Float32Array(4 * n);
		[input.r, input.g, input.b, Float32Array.from(input.footprint!)].forEach((plane, k) => file.set(plane, k * n));
		await writeFile(join(planesDir, 'scene.f32'), file);
		const picture = makePicture(input);
		const node = createHash('sha256').update(new Uint8Array(picture.rgb.buffer, picture.rgb.byteOffset, picture.rgb.byteLength)).digest('hex');

		const browser = await pictureInChromium(chromium.page, server.url, {
			url: `${server.url}/planes/scene.f32`,
			width: input.width,
			height: input.height,
			nimages: input.nimages
		});

		expect([browser.width, browser.height]).toEqual([picture.width, picture.height]);
		expect(browser.sha256).toBe(node);
	}, 120_000);
});
