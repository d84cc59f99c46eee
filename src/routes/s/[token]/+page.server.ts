import { error } from '@sveltejs/kit';
import { getSharedStack, missingShareLink } from '$lib/server/stacks';
import type { PageServerLoad } from './$types';

/** A stack its owner shared by link: anyone with the link sees it, read-only. */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const stack = await getSharedStack(params.token);
	if (!stack) {
		const { status, message } = await missingShareLink(params.token);
		error(status, message);
	}
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	return { stack };
};
