import { jsonRoute, readJsonObject } from '$lib/server/http';
import { attachment, listStackSummaries, MAX_ZIP_STACKS, parseStackFilter, parseZipBody, toWebStream, zipStacks } from '$lib/server/stacks';
import type { RequestHandler } from './$types';

/**
 * "Download all": `{ ids, png?, cube? }`, or an empty body and the Stacks page's filters in the query
 * (the newest MAX_ZIP_STACKS matching). The zip is streamed; a foreign id is a 404 before any byte.
 */
export const POST: RequestHandler = (event) =>
	jsonRoute(event, async ({ userId }) => {
		const body = await readJsonObject(event.request);
		const { ids, ...extras } = body.ids === undefined
			? {
					ids: (await listStackSummaries(userId, parseStackFilter(event.url.searchParams))).slice(0, MAX_ZIP_STACKS).map((s) => s.id),
					png: body.png === true,
					cube: body.cube === true
				}
			: parseZipBody(body);
		const stream = await zipStacks(userId, ids, extras);
		const name = `crowdsky-stacks-${new Date().toISOString().slice(0, 10)}.zip`;
		return new Response(toWebStream(stream), {
			headers: { 'content-type': 'application/zip', 'content-disposition': attachment(name), 'cache-control': 'private, no-store' }
		});
	});
