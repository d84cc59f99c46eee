/** The server answered with an error the caller cannot fix by retrying (400, 401, 403, …). */
export class JobApiError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
		this.name = 'JobApiError';
	}
}

/** 409 (or 404 on a lease route): the lease is gone, another worker may hold the job now. */
export class LeaseLostError extends JobApiError {
	constructor(message: string, status = 409) {
		super(message, status);
		this.name = 'LeaseLostError';
	}
}

/** 422: the server refused the returned stack; the job went back to retry with that message. */
export class RefusedError extends JobApiError {
	constructor(message: string) {
		super(message, 422);
		this.name = 'RefusedError';
	}
}

/** 5xx or no answer at all (network fault, server restarting): worth trying again later. */
export class Unavailable extends JobApiError {
	constructor(message: string, status = 0) {
		super(message, status);
		this.name = 'Unavailable';
	}
}
