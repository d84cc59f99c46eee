import { fail } from '@sveltejs/kit';
import {
	createApiToken,
	formText,
	listApiTokens,
	requireUser,
	revokeApiToken
} from '$lib/server/auth';
import { getDb } from '$lib/server/db';
import { cadencesFor, setCadence, userCadence } from '$lib/server/uploads';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	return {
		user,
		tokens: await listApiTokens(user.id),
		cadence: await userCadence(getDb(), user.id),
		cadences: cadencesFor(user.tier)
	};
};

export const actions: Actions = {
	createToken: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const name = formText(await request.formData(), 'name');
		const result = await createApiToken(user.id, name);
		if (!result.ok) return fail(400, { action: 'createToken', message: result.message, values: { name } });
		return { action: 'createToken', created: { name: result.summary.name, token: result.token } };
	},

	cadence: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const result = await setCadence(user.id, user.tier, formText(await request.formData(), 'cadence'));
		if (!result.ok) return fail(400, { action: 'cadence', message: result.message });
		return { action: 'cadence', cadence: result.cadence };
	},

	revokeToken: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const id = Number(formText(await request.formData(), 'id'));
		if (!Number.isSafeInteger(id) || id <= 0 || !(await revokeApiToken(user.id, id))) {
			return fail(400, {
				action: 'revokeToken',
				message: 'That token does not exist or is already revoked; the list below is current.'
			});
		}
		return { action: 'revokeToken', revoked: true };
	}
};
