// A worker_thread hosting one kernel over the module in workerData, spoken to through comlink
// (bundled and started by node-pool.ts).
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort, workerData } from 'node:worker_threads';
import { createKernel } from '../kernel';
import { createKernelApi } from './kernel-api';
import { youngGc } from '../host-gc';
import type { KernelApi } from './types';

if (!parentPort) throw new Error('node-worker.ts must run in a worker_thread');

// The frame bytes each call receives die once the kernel has copied them into its memory, but they
// live outside this worker's tiny JS heap, so V8 let about 100 MB of them pile up per worker before
// collecting (measured: 90 frames, 2 threads). A young-generation collection (well under a
// millisecond) just after each frame call has replied frees its bytes at once: collecting before
// the next call instead kept them while the host read that call's frames, one band's frames more per
// worker (360 frames: ~27 MB each).
const api = createKernelApi(createKernel((workerData as { wasm: WebAssembly.Module }).wasm));
const collectAfter = <T>(reply: Promise<T>): Promise<T> => {
	reply.finally(() => setImmediate(youngGc)).catch(() => {});
	return reply;
};
const host: KernelApi = {
	...api,
	analyse: (frame, opts) => collectAfter(api.analyse(frame, opts)),
	combineBand: (band, width, frames, opts) => collectAfter(api.combineBand(band, width, frames, opts))
};
expose(host, nodeEndpoint(parentPort));
