// Builds the in-browser stacking harness (tests/browser/harness) with the app's bundler and the
// app's worker/wasm settings: ES module workers, the wasm kept as a file (streaming compilation).
// `vite build --config tests/browser/vite.config.ts --outDir DIR`, or buildHarness(DIR).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
	root: fileURLToPath(new URL('./harness', import.meta.url)),
	base: './',
	logLevel: 'warn',
	build: {
		target: 'esnext',
		emptyOutDir: true,
		assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined)
	},
	worker: { format: 'es' }
});
