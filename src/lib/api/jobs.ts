/**
 * The job API's wire contract (/api/jobs, /api/compute/stats): what the server sends and the
 * Compute page and runner read. Plain types and constants only: no server code, relative imports.
 */

export const JOB_STATUSES = ['pending', 'processing', 'completed', 'failed', 'retry'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** One frame of a job, as the server lists it; `sha256` is of the bytes the download returns (location scrubbed). */
export interface JobFile {
	id: number;
	name: string;
	size: number;
	sha256: string;
}

/** What a claim hands the worker (POST /api/jobs/claim → 200 `{ job }`, or 204): the job, its frames and the lease that guards every later call. */
export interface JobTicket {
	id: number;
	/** The kind of work ('stack'); optional because servers from before there were kinds omit it. */
	task?: string;
	chunkKey: string;
	object: string | null;
	telescope: string | null;
	frameCount: number;
	leaseToken: string;
	leaseSeconds: number;
	files: JobFile[];
	/** Optional, when the server sends them: which attempt this claim is (1-based) and the bound. */
	attempt?: number;
	maxAttempts?: number;
}

/** The largest stacking report a worker may return (UTF-8 JSON), about 1,700 frames' worth: it is stored and charged to the owner. */
export const MAX_REPORT_BYTES = 1024 * 1024;

/** A heartbeat's body: how far the job has come. */
export interface JobProgress {
	stage: string;
	done: number;
	total: number;
}

/** What POST /api/jobs/:id/complete answers: `{ status }`. */
export type CompleteStatus = 'completed' | 'awaiting-agreement' | 'failed';

/** GET /api/compute/stats: the caller's volunteer totals over accepted results. */
export interface VolunteerTotals {
	jobs: number;
	frames: number;
	cpuMs: number;
}
