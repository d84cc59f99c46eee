/** The Compute manager's parts in a browser: Web Worker kernels, the HTTP job API, IndexedDB frames. */
import { createIdbFrameCache, createJobApi, runJobLoop } from '$lib/compute';
import { createWebPool } from '$lib/stacking/pool/web-pool';
import type { ComputeDeps } from './compute-manager.svelte';
import { fetchTotals } from './stats';

export function browserComputeDeps(): ComputeDeps {
	return {
		runLoop: runJobLoop,
		createPool: createWebPool,
		createApi: () => createJobApi({ baseUrl: location.origin }),
		createCache: () => createIdbFrameCache(),
		fetchTotals: () => fetchTotals(),
		storage: storageOrNull(),
		sendBeacon: (url, body) => navigator.sendBeacon(url, body),
		cannotStack,
		now: () => Date.now(),
		cores: navigator.hardwareConcurrency || 1
	};
}

/** Some browsers throw on merely reading localStorage when storage is blocked. */
function storageOrNull(): Storage | null {
	try {
		return localStorage;
	} catch {
		return null;
	}
}

/** The kernel shares WASM memory with its workers: that needs SharedArrayBuffer, i.e. cross-origin isolation. */
function cannotStack(): string | null {
	if (typeof SharedArrayBuffer === 'undefined' || !crossOriginIsolated)
		return 'this page is not cross-origin isolated (the server sent no COOP/COEP headers), so the browser offers no SharedArrayBuffer and the stacking kernel cannot run here';
	return null;
}
