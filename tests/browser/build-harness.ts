import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const CONFIG = fileURLToPath(new URL('./vite.config.ts', import.meta.url));

/** Builds the stacking harness page (index.html, its worker and the kernel wasm) into `outDir`. */
export async function buildHarness(outDir: string): Promise<void> {
	await build({ configFile: CONFIG, build: { outDir } });
}
