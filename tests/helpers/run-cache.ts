// Work several test files need (a real set's stack, the e2e observer's stacks), done once per test run: kept as files in the
// run's scratch directory (global-run-cache.ts). Within one run the code cannot change, so the key
// only names the work. Outside a test run (the bench) nothing is kept and the work is done each time.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The bytes `make` gives for `key`, made at most once per run (two workers may both make them: the same bytes). */
export async function runCached(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
	const dir = process.env.CROWDSKY_RUN_CACHE;
	if (!dir) return make();
	const path = join(dir, encodeURIComponent(key));
	if (existsSync(path)) return new Uint8Array(readFileSync(path));
	const bytes = await make();
	// whole or absent: a reader in another worker never sees half a file
	writeFileSync(`${path}.${process.pid}`, bytes);
	renameSync(`${path}.${process.pid}`, path);
	return bytes;
}
