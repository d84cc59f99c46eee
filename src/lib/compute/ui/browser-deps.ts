/** The Compute manager's parts in a browser: Web Worker kernels, the HTTP job API, IndexedDB frames. */
import { fetchCatalogSource } from '$lib/catalog/source';
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
		// The app serves the tiles at /catalog/; the service worker caches each one when first fetched.
		catalog: fetchCatalogSource(`${location.origin}/catalog/`),
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

/** Frames reach the kernel's workers by transfer, never through shared memory: the tab needs Web
 * Workers and WebAssembly, not cross-origin isolation. */
export function cannotStack(): string | null {
	if (typeof WebAssembly === 'undefined') return 'this browser offers no WebAssembly, which the stacking kernel is';
	if (typeof Worker === 'undefined') return 'this browser offers no Web Workers to run the stacking kernel in';
	return null;
}
