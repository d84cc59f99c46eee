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
