/**
 * Headers on every response, static files included: scripts/serve.js sets them before adapter-node
 * answers (it serves /_app and prerendered pages before hooks run), and hooks.server.ts sets them
 * on the app's own answers (so `vite dev` has them too). Plain JS so serve.js can import it.
 */
export const SECURITY_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY'
};
