import { redirect } from '@sveltejs/kit';
import type { SessionUser } from './types';

/** Only same-site paths: `//evil.example` or `/\evil` would leave the site. */
export function safeRedirectTarget(target: string | null, fallback = '/account'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return fallback;
	}
	return target;
}

/** The logged-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) {
		const back = url.pathname + url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return locals.user;
}
