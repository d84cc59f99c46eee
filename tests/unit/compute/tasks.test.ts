/** The worker's task map: the loop claims the kinds it runs and dispatches by the ticket's task. */
import { describe, expect, it } from 'vitest';
import { runTask, TASK_NAMES } from '$lib/compute/tasks';
import type { JobTicket } from '$lib/api/jobs';
import type { JobApi, LoopEvent } from '$lib/compute/types';

const ticket = (task?: string): JobTicket => ({
	id: 7,
	...(task ? { task } : {}),
	chunkKey: 'k',
	object: null,
	telescope: null,
	frameCount: 1,
	leaseToken: 't',
	leaseSeconds: 60,
	files: []
});

describe('runTask', () => {
	it('runs stacking only so far', () => {
		expect(TASK_NAMES).toEqual(['stack']);
	});

	it('fails a job of a kind this worker does not run, naming it, and never throws', async () => {
		const failed: string[] = [];
		const events: LoopEvent[] = [];
		const api = { fail: async (_job: JobTicket, error: string) => void failed.push(error) } as unknown as JobApi;
		const ctx = { api, pool: null as never, catalog: null as never, emit: (e: LoopEvent) => events.push(e), downloadConcurrency: 1, previewIntervalMs: 0 };
		expect(await runTask(ticket('solve'), ctx)).toBe('failed');
		expect(failed).toEqual(['this worker cannot run task "solve" (it runs stack)']);
		expect(events).toEqual([{ type: 'failed', job: ticket('solve'), error: failed[0] }]);
	});
});
