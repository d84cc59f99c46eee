/** The statuses a CrowdSky API refuses with; each answers `{ message }`. */
export type ApiErrorStatus = 400 | 401 | 404 | 409 | 413 | 422 | 503;

/**
 * A refusal the client can act on: its HTTP status and a message naming the bad value and what is
 * accepted. Named apart from SvelteKit's own `ApiError`, which `error()` throws for pages.
 */
export class ApiError extends Error {
	constructor(
		readonly status: ApiErrorStatus,
		message: string
	) {
		super(message);
		this.name = 'ApiError';
	}
}

/** The one answer for something that is not the caller's: never says whose it is, or whether it exists. */
export function notFound(what: string): ApiError {
	return new ApiError(404, `${what} was not found`);
}
