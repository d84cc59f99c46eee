/** A refusal with its HTTP status: 404 not held, 409 stale lease, 422 bad stack, 503 storage down. */
export class JobError extends Error {
	constructor(
		readonly status: 400 | 404 | 409 | 422 | 503,
		message: string
	) {
		super(message);
		this.name = 'JobError';
	}
}

/** The one answer for a job the caller does not hold: never says whose it is, or whether it exists. */
export function notHeld(jobId: number): JobError {
	return new JobError(404, `job ${jobId} is not held by you: claim a job first (POST /api/jobs/claim)`);
}

export function staleLease(jobId: number): JobError {
	return new JobError(409, `your lease on job ${jobId} has expired or was given up: the job went back to the queue; claim again`);
}
