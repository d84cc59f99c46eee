/**
 * `npm start`: make the database ready (create it, apply migrations), build the app if build/ is
 * missing or older than its sources, then serve it with scripts/serve.js. One line per step; a
 * build step's own output is shown only when it fails. package.json runs it with `exec`, so the
 * SIGTERM npm forwards reaches this process, not a shell that would leave it serving.
 *
 * DATABASE_URL (default mysql://root@127.0.0.1:3306/crowdsky), PORT (3000), HOST (0.0.0.0).
 */
import { spawn } from 'node:child_process';
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

/** What `npm run build` runs, as steps of their own so each prints one line. */
const BUILD_STEPS = [
	{ name: 'kernel', args: ['scripts/build-kernel.js', '--if-missing'] },
	{ name: 'app', args: [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'] }
];

/**
 * Runs one build step with its output kept, not shown. A SIGTERM or SIGINT meanwhile stops the
 * step and then `npm start` (nothing is served).
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, output: string, stopped: boolean }>}
 */
function runStep(args) {
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	let stopped = false;
	const keep = (/** @type {Buffer} */ chunk) => (output += chunk.toString());
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const stop = (/** @type {NodeJS.Signals} */ signal) => {
		stopped = true;
		child.kill(signal);
	};
	process.once('SIGTERM', stop).once('SIGINT', stop);
	return new Promise((resolve) => {
		child.once('close', (code) => {
			process.off('SIGTERM', stop).off('SIGINT', stop);
			resolve({ code, output: output.trim(), stopped });
		});
	});
}

/** The build, one line per step; a failed step's whole output. False when it failed or was stopped. */
async function build() {
	for (const step of BUILD_STEPS) {
		const started = performance.now();
		const { code, output, stopped } = await runStep(step.args);
		if (stopped) {
			console.error(`${step.name}: build stopped by a signal`);
			return false;
		}
		if (code !== 0) {
			console.error(`${step.name}: build failed (exit ${code}):\n${output}`);
			return false;
		}
		// build-kernel.js says what it did in one line; vite and SvelteKit's adapter print their
		// progress, timings and hints for developers (`npm run build` shows them all).
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(step.name === 'kernel' ? output.split('\n').at(-1) : `app: built into build/ in ${seconds} s`);
	}
	return true;
}

async function main() {
	if (!(await ensureDatabaseOrExplain())) return;

	const reason = buildNeeded();
	if (reason) {
		console.log(`Building the app: ${reason}`);
		if (!(await build())) {
			process.exitCode = 1;
			return;
		}
	}
	await runServerOrExplain();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
