import { releaseProxy, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { kernelModule } from '../kernel/node';
import { createPool } from './create-pool';
import { guardHost } from './guard-host';
import type { KernelApi, KernelPool } from './types';
import { workerBundle } from './worker-bundle';

/**
 * A pool of worker_threads, one kernel each. `threads` defaults to the machine's cores. `entry` is
 * this folder's node-worker.ts, bundled once per process: a bundled server (whose import.meta.url
 * is not this file's) names it from its working directory.
 */
export function createNodePool(threads: number = availableParallelism(), entry: URL = new URL('./node-worker.ts', import.meta.url)): KernelPool {
	if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
	const script = workerBundle(entry);
	const workerData = { wasm: kernelModule() };
	// No inherited flags: a parent started with `--import tsx` would make each worker load tsx for a plain-JS bundle.
	const workers = Array.from({ length: threads }, () => new Worker(script, { workerData, execArgv: [] }));
	const remotes = workers.map((w) => wrap<KernelApi>(nodeEndpoint(w)));
	const hosts = workers.map((w, i) => guardHost(remotes[i], diedOf(w, i)));
	return createPool(hosts, {
		transfers: true,
		async close() {
			for (const r of remotes) r[releaseProxy]();
			await Promise.all(workers.map((w) => w.terminate()));
		}
	});
}

/** Aborts when the worker fails or exits; comlink calls alone would then never settle. */
function diedOf(worker: Worker, index: number): AbortSignal {
	const died = new AbortController();
	worker.once('error', (e) => died.abort(new Error(`kernel worker ${index} failed: ${e instanceof Error ? e.message : e}`)));
	worker.once('exit', (code) => died.abort(new Error(`kernel worker ${index} exited (code ${code})`)));
	return died.signal;
}
