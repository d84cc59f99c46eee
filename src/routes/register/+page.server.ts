import { fail, redirect } from '@sveltejs/kit';
import {
	createSession,
	formText,
	generateSessionToken,
	registerUser,
	safeRedirect,
	setSessionTokenCookie
} from '$lib/server/auth';
import { clientAddress } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/** Where a new account goes first: the page that sent the guest to log in, else Upload. */
const FIRST_PAGE = '/upload';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/account');
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo'), FIRST_PAGE) };
};

export const actions: Actions = {
	register: async (event) => {
		const { request, cookies, url } = event;
		const form = await request.formData();
		const input = {
			username: formText(form, 'username'),
			email: formText(form, 'email'),
			password: formText(form, 'password', { trim: false }),
			passwordRepeat: formText(form, 'passwordRepeat', { trim: false })
		};
		const result = await registerUser(input, clientAddress(event));
		if (!result.ok) {
			const values = { username: input.username, email: input.email };
			return fail(400, { message: result.message, field: result.field, values });
		}
		const token = generateSessionToken();
		const session = await createSession(token, result.user.id);
		setSessionTokenCookie(cookies, url, token, session.expiresAt);
		redirect(303, safeRedirect(formText(form, 'redirectTo'), FIRST_PAGE));
	}
};
