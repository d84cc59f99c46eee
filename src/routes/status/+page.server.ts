import { requireUser } from '$lib/server/auth';
import { statusSnapshot } from '$lib/server/status';
import type { PageServerLoad } from './$types';

/** The first snapshot comes with the page; the stream keeps it current from then on. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { snapshot: await statusSnapshot(user.id) };
};
