import type { Kernel } from '../kernel';
import { createKernelApi } from './kernel-api';
import { createPool } from './create-pool';
import type { KernelPool } from './types';

/** One kernel in this thread: threads = 1, tests, and hosts without workers. */
export function createLocalPool(kernel: Kernel | Promise<Kernel>): KernelPool {
	return createPool([createKernelApi(kernel)], { transfers: false, close: async () => {} });
}
