// The crowd-compute job loop, the same in the browser (Compute page) and Node (runner.js).
export { createJobApi, type JobApiOptions } from './job-api';
export { runJobLoop } from './job-loop';
export { createMemoryFrameCache } from './memory-frame-cache';
export { createIdbFrameCache } from './idb-frame-cache';
export { ApiError } from '../api/api-error';
export { LeaseLostError, RefusedError, Unavailable } from './errors';
export { cpuMs } from './cpu-time';
export type { JobOutcome } from './run-job';
export type * from './types';
