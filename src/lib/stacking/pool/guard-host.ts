import type { Remote } from 'comlink';
import type { KernelApi } from './types';

/**
 * A worker's kernel calls, each guarded by the worker's death (`died` aborts with the reason): a
 * comlink call to a worker that failed to load, crashed or exited would otherwise never settle.
 * Shared by the Node and Web hosts.
 */
export function guardHost(remote: Remote<KernelApi>, died: AbortSignal): KernelApi {
	return {
		analyse: (...a) => untilDeath(remote.analyse(...a), died),
		analysePlane: (...a) => untilDeath(remote.analysePlane(...a), died),
		combineBand: (...a) => untilDeath(remote.combineBand(...a), died),
		solve: (...a) => untilDeath(remote.solve(...a), died),
		pixelsToSky: (...a) => untilDeath(remote.pixelsToSky(...a), died),
		log10: (...a) => untilDeath(remote.log10(...a), died),
		memoryBytes: () => untilDeath(remote.memoryBytes(), died)
	};
}

/**
 * `call`, or the worker's death if that comes first. Not Promise.race against a promise of the
 * death: that promise never settles while the worker lives, and each race left a reaction on it
 * holding the call's result (every band of every job: +29 MB per job).
 */
function untilDeath<T>(call: Promise<T>, died: AbortSignal): Promise<T> {
	if (died.aborted) return Promise.reject(died.reason);
	return new Promise<T>((resolve, reject) => {
		const onDeath = () => reject(died.reason);
		died.addEventListener('abort', onDeath, { once: true });
		call.then(resolve, reject).finally(() => died.removeEventListener('abort', onDeath));
	});
}
