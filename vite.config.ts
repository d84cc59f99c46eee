import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { E2E_ONE_AT_A_TIME } from './tests/e2e/one-at-a-time.js';

const DRILL = 'tests/integration/drill/drill.test.ts';
const E2E_SETUP = ['tests/helpers/global-db.ts', 'tests/helpers/global-server.ts', 'tests/helpers/global-run-cache.ts'];

export default defineConfig({
	plugins: [sveltekit()],
	// WASM must stay a file: inlining it as a data URL breaks streaming compilation and caching.
	build: { assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined) },
	worker: { format: 'es' },
	test: {
		// Every core: vitest's default leaves one idle, which on a 2-core CI machine runs every file one at a time.
		maxWorkers: '100%',
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
					exclude: [DRILL],
					globalSetup: ['tests/helpers/global-db.ts'],
					testTimeout: 120_000,
					hookTimeout: 120_000
				}
			},
			{
				// The drill times leases of 10 s against real faults: it runs alone, after the parallel
				// projects, so that another file's CPU cannot expire a lease it means to keep.
				extends: true,
				test: {
					name: 'drill',
					include: [DRILL],
					globalSetup: ['tests/helpers/global-db.ts'],
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 120_000
				}
			},
			{
				// One app server and database for both e2e projects (their globalSetups share them).
				// Files that share the job queue, the user count or the server's memory: one at a time,
				// after the other projects (tests/e2e/one-at-a-time.js).
				extends: true,
				test: {
					name: 'e2e',
					include: E2E_ONE_AT_A_TIME,
					globalSetup: E2E_SETUP,
					fileParallelism: false,
					testTimeout: 180_000,
					hookTimeout: 300_000
				}
			},
			{
				// The other e2e files touch only rows of their own: in parallel, beside the unit and integration files.
				extends: true,
				test: {
					name: 'e2e-parallel',
					include: ['tests/e2e/**/*.test.ts'],
					exclude: E2E_ONE_AT_A_TIME,
					globalSetup: E2E_SETUP,
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
