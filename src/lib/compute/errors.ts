import { ApiError } from '../api/api-error';

/** 409 (or 404 on a lease route): the lease is gone, another worker may hold the job now. */
export class LeaseLostError extends ApiError {
	constructor(message: string, status = 409) {
		super(status, message);
		this.name = 'LeaseLostError';
	}
}

/** 422: the server refused the returned stack; the job went back to retry with that message. */
export class RefusedError extends ApiError {
	constructor(message: string) {
		super(422, message);
		this.name = 'RefusedError';
	}
}

/** 5xx or no answer at all (network fault, server restarting): worth trying again later. */
export class Unavailable extends ApiError {
	constructor(message: string, status = 0) {
		super(status, message);
		this.name = 'Unavailable';
	}
}
