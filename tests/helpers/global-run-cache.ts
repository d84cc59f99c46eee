/**
 * Vitest globalSetup: one scratch directory per test run for work several test files need (see
 * run-cache.ts), reaching workers as `process.env.CROWDSKY_RUN_CACHE` and removed at teardown.
 * Every project's globalSetup runs before any worker starts, so a second project listing this file
 * shares the directory the first made in this process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
	if (process.env.CROWDSKY_RUN_CACHE) return () => {};
	const dir = mkdtempSync(join(tmpdir(), 'crowdsky-run-cache-'));
	process.env.CROWDSKY_RUN_CACHE = dir;
	return () => {
		rmSync(dir, { recursive: true, force: true });
		delete process.env.CROWDSKY_RUN_CACHE;
	};
}
