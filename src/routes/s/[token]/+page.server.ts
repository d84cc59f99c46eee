import { error } from '@sveltejs/kit';
import { getSharedStack } from '$lib/server/stacks';
import type { PageServerLoad } from './$types';

/** A stack its owner shared by link: anyone with the link sees it, read-only. */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const stack = await getSharedStack(params.token);
	if (!stack) error(404, 'This share link does not exist or was revoked');
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	return { stack };
};
