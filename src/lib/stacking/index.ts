// The stacking pipeline's public surface, the same in the browser and in Node.
export { stackFrames } from './stack-frames';
export { makePreview, type Preview } from './preview';
export { bytesSource, blobSource } from './sources';
export { StackError, rejectionLines } from './report';
export { stackBandHashes, verifyBands, VERIFY_BAND_ROWS } from './verify-bands';
export { createLocalPool } from './pool/local-pool';
export type { KernelPool, KernelApi } from './pool/types';
export type * from './types';
