// A worker_thread hosting one kernel, spoken to through comlink (started by node-pool.ts).
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { loadKernel } from '../kernel/node';
import { createKernelApi } from './kernel-api';

if (!parentPort) throw new Error('node-worker.ts must run in a worker_thread');
expose(createKernelApi(loadKernel()), nodeEndpoint(parentPort));
