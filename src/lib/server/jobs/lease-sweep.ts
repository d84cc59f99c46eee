import { releaseExpiredLeases } from './release-expired';

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
			.then((ids) => {
				if (ids.length > 0) console.log(`Leases: ${ids.length} expired job lease(s) returned to the queue (${ids.join(', ')})`);
			})
			.catch((error) => console.error('Lease sweep failed:', error));
	}, SWEEP_MS);
	timer.unref();
}
