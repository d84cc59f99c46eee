import { text, type Handle } from '@sveltejs/kit';
import { SESSION_COOKIE_NAME } from './cookies';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const CROSS_SITE_MESSAGE =
	'Refused: this request changes data and came from another site. Use CrowdSky from its own pages, or an API token.';

/**
 * True for a cookie-authenticated, state-changing request sent from another origin.
 * SvelteKit's own origin check covers form posts only; this covers JSON and every other body.
 * Bearer-token requests carry no ambient credential, so they cannot be forged this way.
 */
export function isCrossSiteWrite(request: Request, url: URL, hasSessionCookie: boolean): boolean {
	if (!STATE_CHANGING.has(request.method) || !hasSessionCookie) return false;
	if (/^Bearer\s/i.test(request.headers.get('authorization') ?? '')) return false;
	const origin = request.headers.get('origin');
	if (origin !== null) return origin !== url.origin;
	const site = request.headers.get('sec-fetch-site');
	return site === 'cross-site' || site === 'same-site';
}

export const handleCsrf: Handle = ({ event, resolve }) => {
	if (isCrossSiteWrite(event.request, event.url, event.cookies.get(SESSION_COOKIE_NAME) !== undefined)) {
		return text(CROSS_SITE_MESSAGE, { status: 403 });
	}
	return resolve(event);
};
