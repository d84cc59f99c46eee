import type { Remote } from 'comlink';
import type { KernelApi } from './types';

/**
 * A worker's kernel calls, each raced against the worker's death: a comlink call to a worker that
 * failed to load, crashed or exited would otherwise never settle. Shared by the Node and Web hosts.
 */
export function guardHost(remote: Remote<KernelApi>, died: Promise<never>): KernelApi {
	return {
		analyse: (...a) => Promise.race([remote.analyse(...a), died]),
		analysePlane: (...a) => Promise.race([remote.analysePlane(...a), died]),
		combineBand: (...a) => Promise.race([remote.combineBand(...a), died]),
		solve: (...a) => Promise.race([remote.solve(...a), died]),
		pixelsToSky: (...a) => Promise.race([remote.pixelsToSky(...a), died]),
		log10: (...a) => Promise.race([remote.log10(...a), died]),
		memoryBytes: () => Promise.race([remote.memoryBytes(), died])
	};
}
