/**
 * The Content Security Policy of CrowdSky's pages, read by svelte.config.js (`kit.csp`, mode
 * 'auto': SvelteKit adds a nonce, or a hash on prerendered pages, for its own inline scripts), and
 * the Strict-Transport-Security header for https requests. Plain JS so svelte.config.js can import it.
 *
 * What the app needs: its own scripts, module Web Workers and the service worker ('self'); WASM
 * compiled with WebAssembly.compileStreaming ('wasm-unsafe-eval', which allows no JS eval); fetches
 * only to itself; images from itself, data: URLs and canvas blobs. Svelte renders `style=` attributes
 * (style: directives, app.html's wrapper), which no hash can allow: styles keep 'unsafe-inline'.
 * Nothing may frame the app, post its forms elsewhere or change its base URL; no plugins.
 */

/** @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>} */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'worker-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	'manifest-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};

/** Two years, subdomains included: sent only on https, where the browser honours it. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

/** Keywords that a policy header writes in single quotes (kit.csp quotes them itself). */
const KEYWORDS = new Set(['self', 'none', 'wasm-unsafe-eval', 'unsafe-inline']);

/**
 * The policy of worker scripts (the Compute page's Web Workers, the service worker): a worker
 * runs under its own script's policy, not its page's, so without this header the workers and the
 * WASM they compile would run under none. The page's directives, minus those a worker has no use
 * for; `script-src` keeps 'wasm-unsafe-eval' (the kernel) and allows no eval.
 */
export const WORKER_CSP = Object.entries(CSP_DIRECTIVES)
	.filter(([name]) => !['style-src', 'font-src', 'manifest-src', 'form-action', 'frame-ancestors'].includes(name))
	.map(([name, sources]) => [name, ...(sources ?? []).map((/** @type {string} */ s) => (KEYWORDS.has(String(s)) ? `'${s}'` : s))].join(' '))
	.join('; ');

/** Paths of worker scripts in the build: Vite's worker chunks and the service worker. */
export function isWorkerScript(/** @type {string} */ pathname) {
	return pathname.startsWith('/_app/immutable/workers/') || pathname === '/service-worker.js';
}
