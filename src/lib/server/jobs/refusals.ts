import { ApiError } from '$lib/server/http';

/** The one answer for a job the caller does not hold: never says whose it is, or whether it exists. */
export function notHeld(jobId: number): ApiError {
	return new ApiError(404, `job ${jobId} is not held by you: claim a job first (POST /api/jobs/claim)`);
}

export function staleLease(jobId: number): ApiError {
	return new ApiError(409, `your lease on job ${jobId} has expired or was given up: the job went back to the queue; claim again`);
}

/** The failed attempt's message when a frame of the job is gone from storage. */
export function frameMissing(error: Error): string {
	return `a frame of this job is missing from storage (${error.message})`;
}

/** The lease token a lease-bound request carries in X-Lease-Token. */
export function leaseTokenOf(request: Request): string | null {
	return request.headers.get('x-lease-token');
}
