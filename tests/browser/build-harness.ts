import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('./vite.config.ts', import.meta.url));

/** Builds the stacking harness page (index.html, its worker and the kernel wasm) into `outDir`. */
export async function buildHarness(outDir: string): Promise<void> {
	await build({ configFile: CONFIG, build: { outDir } });
}

/**
 * The harness built once per test run, in the run's scratch directory (tests/helpers/global-run-cache.ts,
 * which removes it): its directory. Read-only for the tests that serve it.
 */
export async function sharedHarness(): Promise<string> {
	const cache = process.env.CROWDSKY_RUN_CACHE;
	if (!cache) throw new Error('no run cache: list tests/helpers/global-run-cache.ts in globalSetup');
	const dir = join(cache, 'browser-harness');
	if (existsSync(dir)) return dir;
	const building = await mkdtemp(join(cache, 'browser-harness-'));
	await buildHarness(building);
	// Whole or absent, as run-cache.ts: a file of another worker that built it too won the rename (the same files).
	await rename(building, dir).catch(async (error) => {
		if (!existsSync(dir)) throw error;
		await rm(building, { recursive: true, force: true });
	});
	return dir;
}
