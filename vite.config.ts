import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// WASM must stay a file: inlining it as a data URL breaks streaming compilation and caching.
	build: { assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined) },
	worker: { format: 'es' },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts', 'wasm-stacker/tests/**/*.test.ts'],
					globalSetup: ['tests/helpers/global-run-cache.ts'],
					testTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/helpers/global-db.ts'],
					testTimeout: 120_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/helpers/global-db.ts', 'tests/helpers/global-server.ts', 'tests/helpers/global-run-cache.ts'],
					fileParallelism: false,
					testTimeout: 180_000,
					hookTimeout: 300_000
				}
			},
			{
				// Chromium against a harness page of its own: no database, no app server.
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					globalSetup: ['tests/helpers/global-run-cache.ts'],
					testTimeout: 180_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
