import { sessionCallerOf, type RouteOptions } from '$lib/server/http';

/** The upload API serves the logged-in browser only: no API tokens, and a 401 that says so. */
export const uploadRoute: RouteOptions = {
	caller: sessionCallerOf,
	unauthenticated: 'Log in to upload: this API uses your CrowdSky session'
};
