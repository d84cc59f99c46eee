import { releaseExpiredLeases } from './release-expired';
import { errorFields, log } from '$lib/server/log';

const SWEEP_MS = 30_000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Returns expired leases every 30 s in this server process, so a dead worker's job goes back to
 * the queue even when nobody claims. Unref'd: it never keeps a stopped server alive.
 */
export function startLeaseSweep(): void {
	if (timer) return;
	timer = setInterval(() => {
		releaseExpiredLeases()
			// Each released job has its own line (release-expired.ts).
			.catch((error) => log('error', 'lease-sweep-failed', errorFields(error)));
	}, SWEEP_MS);
	timer.unref();
}
