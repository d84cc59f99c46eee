import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KernelPool } from '$lib/stacking';
import { createNodePool } from '$lib/stacking/pool/node-pool';

let pool: KernelPool | undefined;

/**
 * The kernels that spot checks run on: VERIFY_THREADS worker_threads (default 1), made at the first
 * check, so the event loop never runs the kernel and checks never take more than those cores
 * (further checks queue for an idle kernel).
 */
export function verifyPool(): KernelPool {
	pool ??= createNodePool(
		// createNodePool refuses anything but a positive whole number.
		Number(process.env.VERIFY_THREADS ?? 1),
		// The bundled server's modules are not where the sources are: start the worker from the checkout.
		pathToFileURL(resolve(process.cwd(), 'src/lib/stacking/pool/node-worker.ts'))
	);
	return pool;
}

/** Ends the kernels (tests, bench); the next check makes new ones. */
export async function closeVerifyPool(): Promise<void> {
	const closing = pool;
	pool = undefined;
	await closing?.close();
}
