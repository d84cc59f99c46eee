import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE_NAME = 'crowdsky_session';

type CookieOptions = Parameters<Cookies['set']>[2];

/** HttpOnly, SameSite=Lax, whole site; Secure exactly when the request came over https. */
export function sessionCookieOptions(url: URL, expiresAt: Date): CookieOptions {
	return {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: url.protocol === 'https:',
		expires: expiresAt
	};
}

export function setSessionTokenCookie(
	cookies: Cookies,
	url: URL,
	token: string,
	expiresAt: Date
): void {
	cookies.set(SESSION_COOKIE_NAME, token, sessionCookieOptions(url, expiresAt));
}

export function deleteSessionTokenCookie(cookies: Cookies, url: URL): void {
	cookies.set(SESSION_COOKIE_NAME, '', { ...sessionCookieOptions(url, new Date(0)), maxAge: 0 });
}
