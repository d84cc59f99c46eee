import { backoffDelay } from '../util/backoff';
import { sleep } from '../util/sleep';
import { errorMessage } from '../util/error-message';
import { Unavailable } from './errors';
import type { JobOutcome } from './run-job';
import { runTask, TASK_NAMES } from './tasks';
import type { JobTicket } from '../api/jobs';
import type { JobLoopOptions, LoopEvent } from './types';

const DEFAULT_IDLE_DELAY_MS = 5000;
/** Empty claims and unreachable servers wait at most this many times `idleDelayMs`. */
const MAX_WAIT_FACTOR = 8;

/**
 * The worker's loop, graphile-worker's doNext: claim a kind it runs -> run that task -> next.
 * Nothing to do waits `idleDelayMs`, longer after each further empty claim; a server that cannot
 * be reached is waited for the same way (with `once`, that error is thrown instead). Abort gives
 * the job in hand back, then resolves. Resolves with the jobs this loop completed.
 */
export async function runJobLoop(opts: JobLoopOptions): Promise<{ jobs: number; last?: JobOutcome }> {
	const { api, signal, once = false } = opts;
	const idleDelayMs = opts.idleDelayMs ?? DEFAULT_IDLE_DELAY_MS;
	const emit = (e: LoopEvent) => {
		try {
			opts.onEvent?.(e);
		} catch {
			// a listener's bug must not stop the worker
		}
	};
	const wait = (n: number) => sleep(backoffDelay(n, idleDelayMs, idleDelayMs * MAX_WAIT_FACTOR), signal);
	let jobs = 0;
	let waits = 0;
	let last: JobOutcome | undefined;

	while (!signal?.aborted) {
		let job: JobTicket | null;
		try {
			job = await api.claim(opts.workerId, TASK_NAMES);
		} catch (err) {
			if (signal?.aborted) break;
			if (once || !(err instanceof Unavailable)) throw err;
			emit({ type: 'error', error: `claim failed, will try again: ${errorMessage(err)}` });
			await wait(waits++);
			continue;
		}
		if (job && signal?.aborted) {
			// Claimed while being told to stop: hand it straight back.
			await api.giveBack(job).catch(() => {});
			break;
		}
		if (!job) {
			emit({ type: 'idle' });
			if (once) break;
			await wait(waits++);
			continue;
		}
		waits = 0;
		emit({ type: 'claimed', job });
		last = await runTask(job, {
			api,
			pool: opts.pool,
			catalog: opts.catalog,
			cache: opts.cache,
			signal,
			emit,
			downloadConcurrency: opts.downloadConcurrency ?? 3,
			previewIntervalMs: opts.previewIntervalMs ?? 500
		});
		if (last === 'completed') jobs++;
		if (once) break;
	}
	return { jobs, last };
}
