import { json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { handleAuth, handleCsrf } from '$lib/server/auth';
import { startHourlySweep } from '$lib/server/uploads';
import { startLeaseSweep } from '$lib/server/jobs';
import { STRICT_TRANSPORT_SECURITY } from '$lib/server/security/csp.js';
import { SECURITY_HEADERS } from '$lib/server/security/headers.js';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '$lib/server/db';
import { errorFields, handleRequestLog, log } from '$lib/server/log';

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

/** A page when even the error page could not render (the database failed in a hook, before any route). */
const OUTAGE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>503 · CrowdSky</title></head><body><h1>CrowdSky is taking a short break</h1><p>${DATABASE_UNAVAILABLE_MESSAGE}</p></body></html>`;

/**
 * The database being away is a 503 with Retry-After: JSON `{ message }` for the API, the error
 * page (already rendered with handleError's message) for pages. A route's failure reaches here
 * as handleError's flag; a hook's (handleAuth reading the session) as the thrown error.
 */
const handleDatabaseOutage: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		if (!isDatabaseUnavailable(error)) throw error;
		logOutage(event, error);
		return outageAnswer(event.url, new Response(OUTAGE_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
	}
	return event.locals.databaseUnavailable ? outageAnswer(event.url, response) : response;
};

/** Route ids, not paths: a path can carry a share or upload token. */
function logOutage(event: { request: Request; route: { id: string | null } }, error: unknown): void {
	log('error', 'database-unavailable', { method: event.request.method, route: event.route.id, ...errorFields(error) });
}

function outageAnswer(url: URL, page: Response): Response {
	const retry = { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) };
	if (url.pathname.startsWith('/api/')) return json({ message: DATABASE_UNAVAILABLE_MESSAGE }, { status: 503, headers: retry });
	const headers = new Headers(page.headers);
	headers.set('retry-after', retry['retry-after']);
	return new Response(page.body, { status: 503, headers });
}

export const handle = sequence(handleRequestLog, handleSecurityHeaders, handleDatabaseOutage, handleCsrf, handleAuth);

/** Unexpected errors: the details go to the log, the visitor gets a reference to quote. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message };
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseUnavailable = true;
		logOutage(event, error);
		return { message: DATABASE_UNAVAILABLE_MESSAGE };
	}
	const reference = crypto.randomUUID().slice(0, 8);
	log('error', 'error', { reference, method: event.request.method, route: event.route.id, ...errorFields(error) });
	return { message: `Something went wrong on our side (reference ${reference}).` };
};
