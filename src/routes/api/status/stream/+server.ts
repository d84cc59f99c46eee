import { callerIsLive, jsonRoute } from '$lib/server/http';
import { statusSnapshot, statusStream } from '$lib/server/status';
import type { RequestHandler } from './$types';

/** The Status page's live feed (SSE): `event: snapshot` at once and on every change. */
export const GET: RequestHandler = (event) =>
	jsonRoute(event, async (caller) => {
		const body = statusStream(() => statusSnapshot(caller.userId), {
			signal: event.request.signal,
			allowed: () => callerIsLive(event, caller)
		});
		return new Response(body, {
			headers: {
				'content-type': 'text/event-stream; charset=utf-8',
				'cache-control': 'no-store, no-transform',
				// Proxies such as nginx would otherwise hold events back in their buffers.
				'x-accel-buffering': 'no'
			}
		});
	});
