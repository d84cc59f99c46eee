import { describe, expect, it } from 'vitest';
import type { JobTicket } from '../../../src/lib/api/jobs';
import { jobLine } from '../../../src/lib/runner/job-log';

const job: JobTicket = { id: 17, chunkKey: '20250327.23_193.1_+41.0', object: 'M 94', telescope: null, frameCount: 6, leaseToken: 't', leaseSeconds: 120, files: [] };

describe('jobLine', () => {
	it('one line per finished job: id, chunk, outcome, frames, seconds, attempt when the ticket has it', () => {
		expect(jobLine({ type: 'completed', job, status: 'completed', ms: 3210, frames: 6 }, 3.21)).toBe(
			'job 17 20250327.23_193.1_+41.0: completed 6/6 frames in 3.2 s'
		);
		expect(jobLine({ type: 'completed', job: { ...job, attempt: 1, maxAttempts: 3 }, status: 'completed', ms: 0, frames: 5 }, 3.2)).toBe(
			'job 17 20250327.23_193.1_+41.0: completed 5/6 frames in 3.2 s (attempt 1 of 3)'
		);
		expect(jobLine({ type: 'completed', job, status: 'awaiting-agreement', ms: 0, frames: 6 }, 1)).toBe(
			'job 17 20250327.23_193.1_+41.0: submitted 6/6 frames in 1.0 s, awaiting agreement'
		);
		expect(jobLine({ type: 'failed', job: { ...job, attempt: 3 }, error: 'nothing to stack: no frame could be aligned' }, 0.45)).toBe(
			'job 17 20250327.23_193.1_+41.0: failed after 0.5 s: nothing to stack: no frame could be aligned (attempt 3)'
		);
		expect(jobLine({ type: 'failed', job: { ...job, attempt: 2, maxAttempts: 3 }, error: 'lease lost' }, 12)).toBe(
			'job 17 20250327.23_193.1_+41.0: failed after 12.0 s: lease lost (attempt 2 of 3)'
		);
		expect(jobLine({ type: 'idle' }, 0)).toBeNull();
		expect(jobLine({ type: 'progress', job, stage: 'open', done: 1, total: 6 }, 0)).toBeNull();
	});
});
