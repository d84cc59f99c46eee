import { ApiError } from '$lib/api/api-error';

export { ApiError };

/** The one answer for something that is not the caller's: never says whose it is, or whether it exists. */
export function notFound(what: string): ApiError {
	return new ApiError(404, `${what} was not found`);
}
