import { ApiError } from '$lib/server/http';

/** The same answer for an unknown token and another user's session: nothing about who owns it. */
export function sessionNotFound(): ApiError {
	return new ApiError(404, 'No such upload session: start a new upload');
}
