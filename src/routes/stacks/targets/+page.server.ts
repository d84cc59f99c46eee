import { requireUser } from '$lib/server/auth';
import { listStackSummaries } from '$lib/server/stacks';
import { BY_DESIGNATION, OBJECTS } from '$lib/objects/catalogue';
import { groupTargets } from '$lib/targets/group-targets';
import type { PageServerLoad } from './$types';

/** The user's stacks by target: one card per object across every night. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const stacks = await listStackSummaries(user.id, {});
	return { targets: groupTargets(stacks, BY_DESIGNATION, OBJECTS) };
};
