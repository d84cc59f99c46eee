import { json } from '@sveltejs/kit';
import { ApiError, jsonRoute } from '$lib/server/http';
import { listStackSummaries, parseStackFilter } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/** The caller's stacks in HEALPix tiles (`healpix=<pix>[,…]&nside=128`) and a time range (`from`, `to`): `{ items }`. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const filter = parseStackFilter(event.url.searchParams);
		if (!filter.healpix) throw new ApiError(400, 'healpix is required: one or more nside 128 RING pixels, e.g. healpix=81472,81473');
		return json({ items: await listStackSummaries(userId, filter) });
	});
