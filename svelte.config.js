import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/lib/server/security/csp.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SvelteKit's default CSRF check refuses cross-site form posts; hooks.server.ts adds the
		// same check for JSON requests that carry the session cookie.
		adapter: adapter({ out: 'build' }),
		// Nonces (hashes on prerendered pages) for SvelteKit's inline scripts; the policy's reasons are in csp.js.
		csp: { mode: 'auto', directives: CSP_DIRECTIVES }
	}
};

export default config;
