import type { Handle } from '@sveltejs/kit';
import { log } from './log.js';

/**
 * One line per request the app answers (static files under /_app are served before hooks run):
 * method, the route id (`/s/[token]`, so no token or id from the URL reaches the log; null when
 * no route matched), status, milliseconds to the response's head, and the user the request acted
 * for (the session's, or the API token's as `jsonRoute` found it).
 */
export const handleRequestLog: Handle = async ({ event, resolve }) => {
	const start = performance.now();
	let status = 500; // what SvelteKit answers when resolve throws
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} finally {
		log(status >= 500 ? 'error' : 'info', 'request', {
			method: event.request.method,
			route: event.route.id,
			status,
			ms: Math.round(performance.now() - start),
			user: event.locals.callerId ?? event.locals.user?.id
		});
	}
};
