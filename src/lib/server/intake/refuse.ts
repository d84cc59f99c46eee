import { JobError } from '$lib/server/jobs/errors';

/** A returned stack or report that cannot be accepted: 422 with what was wrong. */
export function refuse(message: string): JobError {
	return new JobError(422, `stack refused: ${message}`);
}
