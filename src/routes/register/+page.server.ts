import { fail, redirect } from '@sveltejs/kit';
import {
	createSession,
	formText,
	generateSessionToken,
	registerUser,
	setSessionTokenCookie
} from '$lib/server/auth';
import { clientAddress } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/account');
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
		redirect(303, '/account');
	}
};
