import { fail, redirect } from '@sveltejs/kit';
import {
	createSession,
	formText,
	generateSessionToken,
	loginUser,
	safeRedirect,
	setSessionTokenCookie
} from '$lib/server/auth';
import { clientAddress } from '$lib/server/http';
import { whyLogIn } from '$lib/site/why-log-in';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/account');
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
	return { redirectTo, reason: whyLogIn(redirectTo) };
};

export const actions: Actions = {
	login: async (event) => {
		const { request, cookies, url } = event;
		const form = await request.formData();
		const username = formText(form, 'username');
		const password = formText(form, 'password', { trim: false });

		const result = await loginUser(username, password, clientAddress(event));
		if (!result.ok) return fail(400, { message: result.message, values: { username } });

		const token = generateSessionToken();
		const session = await createSession(token, result.user.id);
		setSessionTokenCookie(cookies, url, token, session.expiresAt);
		redirect(303, safeRedirect(formText(form, 'redirectTo')));
	}
};
