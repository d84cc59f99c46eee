import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { handleAuth, handleCsrf } from '$lib/server/auth';
import { startHourlySweep } from '$lib/server/uploads';
import { startLeaseSweep } from '$lib/server/jobs';
import { STRICT_TRANSPORT_SECURITY } from '$lib/server/security/csp.js';
import { SECURITY_HEADERS } from '$lib/server/security/headers.js';

/** Upload sessions idle for 24 h expire; `npm run sweep` does the same once, by hand. */
export const init: ServerInit = () => {
	startHourlySweep();
	startLeaseSweep();
};

/** A logged-in user's pages and every API answer: no cache may keep them (the service worker never does). */
const PRIVATE_CACHE_CONTROL = 'private, no-store';

function setSecurityHeaders(headers: Headers, isPrivate: boolean, isHttps: boolean): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	// The Content-Security-Policy of pages comes from kit.csp in svelte.config.js.
	if (isHttps) headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
	if (isPrivate && !headers.has('cache-control')) headers.set('Cache-Control', PRIVATE_CACHE_CONTROL);
}

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const isPrivate = event.locals.user != null || event.url.pathname.startsWith('/api/');
	const isHttps = event.url.protocol === 'https:';
	try {
		setSecurityHeaders(response.headers, isPrivate, isHttps);
		return response;
	} catch {
		// A Response passed through from fetch() has immutable headers: answer with a copy.
		const copy = new Response(response.body, response);
		setSecurityHeaders(copy.headers, isPrivate, isHttps);
		return copy;
	}
};

export const handle = sequence(handleSecurityHeaders, handleCsrf, handleAuth);

/** Unexpected errors: the details go to the log, the visitor gets a reference to quote. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message };
	const reference = crypto.randomUUID().slice(0, 8);
	console.error(`[${reference}] ${event.request.method} ${event.url.pathname} failed:`, error);
	return { message: `Something went wrong on our side (reference ${reference}).` };
};
