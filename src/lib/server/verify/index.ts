/** Spot checks of untrusted results against the kernel's own output, on a small pool of worker_threads. */
export { closeVerifyPool, verifyPool } from './kernel-pool';
export { Mismatch } from './mismatch';
export { serverCatalog } from './server-catalog';
export { servedSources } from './served-frames';
export { spotCheck, type SpotCheckInput, type SpotCheckResult } from './spot-check';
