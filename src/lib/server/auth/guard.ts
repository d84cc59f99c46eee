import { redirect } from '@sveltejs/kit';
import type { SessionUser } from './types';

/**
 * Browsers drop TAB and newlines anywhere in a URL and controls at its ends, and read `\` as `/`:
 * removing every control character and backslash first leaves them nothing to reinterpret.
 */
const IGNORED_IN_URLS = /[\u0000-\u001f\u007f-\u009f\\]/g;
const ANY_ORIGIN = 'http://same.invalid';

/**
 * A path on this site to redirect to, encoded for a Location header, or `fallback`: `//evil`,
 * `/\tevil` or `/.//evil` would leave the site, and `/。` cannot be a header value.
 */
export function safeRedirect(target: string | null | undefined, fallback = '/account'): string {
	const cleaned = target?.replace(IGNORED_IN_URLS, '').trim() ?? '';
	if (!cleaned.startsWith('/') || cleaned.startsWith('//')) return fallback;
	const url = new URL(cleaned, ANY_ORIGIN);
	const path = url.pathname + url.search + url.hash;
	return url.origin === ANY_ORIGIN && !path.startsWith('//') ? path : fallback;
}

/** The logged-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) {
		const back = url.pathname + url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return locals.user;
}
