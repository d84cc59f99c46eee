import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// SvelteKit's default CSRF check refuses cross-site form posts; hooks.server.ts adds the
		// same check for JSON requests that carry the session cookie.
		adapter: adapter({ out: 'build' })
	}
};

export default config;
