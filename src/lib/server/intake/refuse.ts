import { ApiError } from '$lib/server/http';

/** A returned stack or report that cannot be accepted: 422 with what was wrong. */
export function refuse(message: string): ApiError {
	return new ApiError(422, `stack refused: ${message}`);
}
