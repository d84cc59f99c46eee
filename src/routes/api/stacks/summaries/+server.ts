import { json } from '@sveltejs/kit';
import { jsonRoute } from '$lib/server/http';
import { listStackSummaries, parseStackFilter } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** Every matching stack, compact, for the sky map and the timeline: `{ items }`. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => json({ items: await listStackSummaries(userId, parseStackFilter(event.url.searchParams)) }));
