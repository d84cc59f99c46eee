import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth';
import { ApiError } from '$lib/server/http';
import { listStackSummaries, parseStackFilter } from '$lib/server/stacks';
import type { PageServerLoad } from './$types';

/** The filter bar's fields, as the URL carries them (so a view can be linked). */
const FIELDS = ['object', 'from', 'to', 'telescope', 'filter'] as const;
type FilterValues = Record<(typeof FIELDS)[number], string>;

/**
 * All the summaries that pass the filter bar, at once: the map and the timeline need every one,
 * and the gallery pages through the same list in the browser, so the three views always agree.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const values = Object.fromEntries(FIELDS.map((k) => [k, url.searchParams.get(k)?.trim() ?? ''])) as FilterValues;
	const params = new URLSearchParams();
	for (const key of FIELDS) if (values[key]) params.set(key, values[key]);
	// The "to" date of the form is inclusive: the whole of that UTC day.
	if (/^\d{4}-\d{2}-\d{2}$/.test(values.to)) params.set('to', `${values.to}T23:59:59.999Z`);
	try {
		const stacks = await listStackSummaries(user.id, parseStackFilter(params));
		return { stacks, values, filtered: FIELDS.some((k) => values[k] !== '') };
	} catch (e) {
		if (e instanceof ApiError) error(e.status, e.message);
		throw e;
	}
};
