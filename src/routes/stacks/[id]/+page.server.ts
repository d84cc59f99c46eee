import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth';
import { getStack } from '$lib/server/stacks';
import type { PageServerLoad } from './$types';

/** The owner's stack; anyone else's (or none) is a plain 404 that says nothing about whose it is. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requireUser(locals, url);
	const id = /^\d{1,10}$/.test(params.id) ? Number(params.id) : NaN;
	const stack = Number.isSafeInteger(id) && id > 0 ? await getStack(user.id, id) : null;
	if (!stack) error(404, `stack ${params.id} was not found`);
	return { stack };
};
