import { json } from '@sveltejs/kit';
import { jsonRoute } from '$lib/server/http';
import { computeStats } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The caller's volunteer totals over accepted results: { jobs, frames, cpuMs }. */
export const GET: RequestHandler = (event) => jsonRoute(event, async (caller) => json(await computeStats(caller.userId)));
