/**
 * The API's one error: an HTTP status (0 when no answer came at all) and the message that travels
 * as `{ message }`. The server's verbs throw it and its route funnel answers it; the clients throw it
 * for a failed call, in the server's own words.
 */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		/** For 429 and 503: when to ask again, sent as Retry-After. */
		readonly retryAfterSeconds?: number
	) {
		super(message);
		this.name = 'ApiError';
	}

	/** Worth trying again: no answer, or the server failed (not the request). */
	get retryable(): boolean {
		return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
	}
}
