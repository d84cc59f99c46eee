import { json } from '@sveltejs/kit';
import { computeStats, forCaller } from '$lib/server/jobs';
import type { RequestHandler } from './$types';

/** The caller's volunteer totals over accepted results: { jobs, frames, cpuMs }. */
export const GET: RequestHandler = (event) => forCaller(event, async (caller) => json(await computeStats(caller.userId)));
