/** A refusal the client can act on: its HTTP status and a message naming the bad value. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = 'HttpError';
	}
}

/** The one answer for something that is not the caller's: never says whose it is, or whether it exists. */
export function notFound(what: string): HttpError {
	return new HttpError(404, `${what} was not found`);
}
