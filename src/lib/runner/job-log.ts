import type { JobTicket } from '../api/jobs';
import type { LoopEvent } from '../compute/types';

/**
 * The runner's one line per job, graphile-worker style: id, chunk, outcome, duration, and the
 * attempt when the ticket says which it is. Null for events that are not a job's end.
 */
export function jobLine(e: LoopEvent, seconds: number): string | null {
	const s = `${seconds.toFixed(1)} s`;
	switch (e.type) {
		case 'completed': {
			const what = `${e.frames}/${e.job.frameCount} frames in ${s}`;
			const outcome = e.status === 'completed' ? `completed ${what}` : `submitted ${what}, ${e.status.replace(/-/g, ' ')}`;
			return `${head(e.job)}: ${outcome}${attempt(e.job)}`;
		}
		case 'failed':
			return `${head(e.job)}: failed after ${s}: ${e.error}${attempt(e.job)}`;
		default:
			return null;
	}
}

export function head(job: JobTicket): string {
	return `job ${job.id} ${job.chunkKey}`;
}

function attempt(job: JobTicket): string {
	if (job.attempt === undefined) return '';
	return ` (attempt ${job.attempt}${job.maxAttempts !== undefined ? ` of ${job.maxAttempts}` : ''})`;
}
