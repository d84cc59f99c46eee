/**
 * `npm start`: make the database ready (create it, apply migrations), build the app if build/ is
 * missing or older than its sources, then serve it with scripts/serve.js.
 *
 * DATABASE_URL (default mysql://root@127.0.0.1:3306/crowdsky), PORT (3000), HOST (0.0.0.0).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureDatabaseOrExplain } from './migrate.js';
import { BUILD_DIR, runServerOrExplain } from './serve.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What `npm run build` reads: a change to any of them makes the build stale. */
const SOURCES = [
	'src',
	'static',
	'wasm-stacker/assembly',
	'scripts/build-kernel.js',
	'package.json',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts'
];

/** Newest modification time (ms) of a file or, recursively, of a directory's files. */
function newestMtime(/** @type {string} */ file) {
	if (!existsSync(file)) return 0;
	const stat = statSync(file);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
	return newest;
}

/** @returns {string | undefined} why a build is needed, or undefined when build/ is current */
export function buildNeeded(buildDir = BUILD_DIR, root = ROOT) {
	const entry = path.join(buildDir, 'handler.js');
	if (!existsSync(entry)) return `no build at ${buildDir}`;
	const built = statSync(entry).mtimeMs;
	const changed = SOURCES.find((source) => newestMtime(path.join(root, source)) > built);
	return changed && `${changed} changed since the last build`;
}

async function main() {
	if (!(await ensureDatabaseOrExplain())) return;

	const reason = buildNeeded();
	if (reason) {
		console.log(`Building the app (${reason}): npm run build`);
		const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
		if (build.status !== 0) {
			console.error(`npm run build failed (exit ${build.status ?? build.signal}); see its output above.`);
			process.exitCode = 1;
			return;
		}
	}
	await runServerOrExplain();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
