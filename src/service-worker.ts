/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The installed app's service worker (SvelteKit registers it in production builds).
 *
 * - Precaches only what is the same for everyone: the build's immutable assets, the static files
 *   and the prerendered offline page (not its unused __data.json), in a cache named for this
 *   build; older caches go on activate.
 * - Pages: network first; without a network, the offline page. Pages and API answers are never
 *   stored, so one user's data never stays on a shared device for the next.
 * - The star catalogue's tiles (`/catalog/`, 18 MB in all) are never precached: a Compute tab needs
 *   the few near its job's pointing, so each is cached when first fetched, in this build's cache.
 * - `/api/*` and anything else not precached go straight to the network.
 * - Answers from the cache carry the cross-origin isolation headers the server sends, so a page that
 *   is isolated still runs the Compute page's workers (it runs only workers served with COEP).
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `crowdsky-${version}`;
const OFFLINE_PAGE = '/offline';
/** The icon generator lives next to the icons it draws; it is no part of the app. */
const NOT_SHIPPED = /^\/icons\/.*\.js$/;
const CATALOG = /^\/catalog\//;
const PRECACHED = new Set([...build, ...files.filter((file) => !NOT_SHIPPED.test(file) && !CATALOG.test(file)), OFFLINE_PAGE]);
/** What scripts/serve.js sends with every response; without it Chromium blocks the kernel workers. */
const ISOLATION_HEADERS: [string, string][] = [
	['Cross-Origin-Opener-Policy', 'same-origin'],
	['Cross-Origin-Embedder-Policy', 'require-corp'],
	['Cross-Origin-Resource-Policy', 'same-origin']
];

/** The Static Routing API (Chromium 123+), not yet in TypeScript's lib. */
type RoutedInstall = ExtendableEvent & { addRoutes?: (rules: { condition: { urlPattern: { pathname: string } }; source: 'network' }[]) => Promise<void> };

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			// `/api/*` never reaches this worker, not even to be passed over: a request dispatched to it
			// hands its body over as a Blob that lived as long as the worker's small heap went uncollected
			// (the Compute tab grew by one submitted stack per job).
			await (event as RoutedInstall).addRoutes?.([{ condition: { urlPattern: { pathname: '/api/*' } }, source: 'network' }]);
			if (!prerendered.includes(OFFLINE_PAGE)) throw new Error(`${OFFLINE_PAGE} was not prerendered: nothing to show offline`);
			const cache = await caches.open(CACHE);
			// `reload`: straight from the server, never a stale copy from the HTTP cache.
			await cache.addAll([...PRECACHED].map((path) => new Request(path, { cache: 'reload' })));
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET' || request.headers.has('range')) return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || url.pathname.startsWith('/api/')) return;
	if (PRECACHED.has(url.pathname) && url.search === '') event.respondWith(precached(url.pathname, request));
	else if (CATALOG.test(url.pathname) && url.search === '') event.respondWith(cachedOnDemand(url.pathname, request));
	else if (request.mode === 'navigate') event.respondWith(networkOrOffline(request));
});

async function precached(path: string, request: Request): Promise<Response> {
	const hit = await caches.match(path, { cacheName: CACHE });
	return hit ? isolated(hit, path) : fetch(request);
}

async function cachedOnDemand(path: string, request: Request): Promise<Response> {
	const hit = await caches.match(path, { cacheName: CACHE });
	if (hit) return isolated(hit, path);
	const response = await fetch(request);
	if (response.ok) await (await caches.open(CACHE)).put(path, response.clone());
	return response;
}

async function networkOrOffline(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch {
		const shell = await caches.match(OFFLINE_PAGE, { cacheName: CACHE });
		return shell ? isolated(shell, OFFLINE_PAGE) : Response.error();
	}
}

/** A cached answer with the isolation headers (and the WASM MIME type streaming compilation needs). */
function isolated(response: Response, path: string): Response {
	const wasm = path.endsWith('.wasm') && response.headers.get('content-type') !== 'application/wasm';
	const missing = ISOLATION_HEADERS.filter(([name, value]) => response.headers.get(name) !== value);
	if (missing.length === 0 && !wasm) return response;
	const headers = new Headers(response.headers);
	for (const [name, value] of missing) headers.set(name, value);
	if (wasm) headers.set('content-type', 'application/wasm');
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
