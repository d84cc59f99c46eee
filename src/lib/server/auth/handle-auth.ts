import type { Handle } from '@sveltejs/kit';
import { deleteSessionTokenCookie, SESSION_COOKIE_NAME, setSessionTokenCookie } from './cookies';
import { validateSessionToken } from './session';

/** Turns the session cookie into `locals.user` / `locals.session`, renewing or clearing the cookie. */
export const handleAuth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE_NAME);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const { session, user } = await validateSessionToken(token);
	if (session) setSessionTokenCookie(event.cookies, event.url, token, session.expiresAt);
	else deleteSessionTokenCookie(event.cookies, event.url);
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};
