// The kernel: `Kernel` over one WASM instance, and the row arithmetic the pipeline plans reads with.
export { createKernel, Kernel } from './kernel';
export { sourceRows } from './source-rows';
