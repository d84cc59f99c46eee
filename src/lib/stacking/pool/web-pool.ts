import { releaseProxy, wrap } from 'comlink';
import { createPool } from './create-pool';
import { guardHost } from './guard-host';
import type { KernelApi, KernelPool } from './types';

/** A pool of Web Workers, one kernel each. `threads` defaults to the browser's logical cores. */
export function createWebPool(threads: number = navigator.hardwareConcurrency || 1): KernelPool {
	if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
	const workers = Array.from(
		{ length: threads },
		() => new Worker(new URL('./web-worker.ts', import.meta.url), { type: 'module', name: 'crowdsky-kernel' })
	);
	const remotes = workers.map((w) => wrap<KernelApi>(w));
	const hosts = workers.map((w, i) => guardHost(remotes[i], diedOf(w, i)));
	return createPool(hosts, {
		transfers: true,
		async close() {
			for (const r of remotes) r[releaseProxy]();
			for (const w of workers) w.terminate();
		}
	});
}

/**
 * Aborts when the worker fails: a script the browser refused (under cross-origin isolation a
 * worker script without COEP is blocked), an uncaught error in it, or a message it cannot read.
 */
function diedOf(worker: Worker, index: number): AbortSignal {
	const died = new AbortController();
	worker.addEventListener('error', (e) => died.abort(new Error(`kernel worker ${index} failed: ${workerError(e)}`)), { once: true });
	worker.addEventListener('messageerror', () => died.abort(new Error(`kernel worker ${index} received a message it could not read`)), { once: true });
	return died.signal;
}

function workerError(e: Event): string {
	if (e instanceof ErrorEvent && e.message) return e.message;
	return 'its script did not load or start (blocked by the server\'s headers, e.g. COEP, or missing; see the console)';
}
