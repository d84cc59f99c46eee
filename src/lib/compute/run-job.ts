import type { CatalogSource } from '../catalog';
import { StackError } from '../stacking/report';
import { stackFrames } from '../stacking/stack-frames';
import type { KernelPool } from '../stacking/pool/types';
import type { StackReport } from '../stacking/types';
import { stackBandHashes } from '../stacking/verify-bands';
import { backoffDelay } from '../util/backoff';
import { sleep } from '../util/sleep';
import { cpuMs } from './cpu-time';
import { downloadFrames } from './download-frames';
import { errorMessage } from '../util/error-message';
import { LeaseLostError, RefusedError, Unavailable } from './errors';
import { keepLease } from './lease-keeper';
import { livePreview } from './live-preview';
import type { JobTicket } from '../api/jobs';
import type { FrameCache, JobApi, LoopEvent } from './types';

/** Waits between submissions while the server's storage is down: from 2 s up to 60 s. */
const SUBMIT_RETRY_BASE_MS = 2000;
const SUBMIT_RETRY_MAX_MS = 60_000;

export interface JobContext {
	api: JobApi;
	pool: KernelPool;
	catalog: CatalogSource;
	cache?: FrameCache;
	signal?: AbortSignal;
	emit: (e: LoopEvent) => void;
	downloadConcurrency: number;
	previewIntervalMs: number;
}

/** How one job ended for this worker. */
export type JobOutcome = 'completed' | 'failed' | 'lost' | 'aborted' | 'unreachable';

/** Thrown into the job's race when the loop is told to stop. */
class Stopped extends Error {}

/**
 * One job from claim to submission, its lease kept alive throughout: frames -> stack -> complete.
 * A lost lease drops the job quietly; an abort gives the lease back; a job the worker cannot
 * stack is failed with the reason. Never throws.
 */
export async function runJob(job: JobTicket, ctx: JobContext): Promise<JobOutcome> {
	const { api, emit } = ctx;
	const started = performance.now();
	const lease = keepLease(api, job, (error) => emit({ type: 'error', error, job }));
	// A stack left running after an abort or a lost lease must not report into the next job.
	let live = true;
	const progress = (stage: string, done: number, total: number) => {
		if (!live) return;
		lease.progress({ stage, done, total });
		emit({ type: 'progress', job, stage, done, total });
	};
	// Downloads stop at once on abort or a lost lease; the kernel cannot be stopped mid-call, so
	// the job stops waiting for it and its result is dropped.
	const halt = new AbortController();
	let stop: () => void = () => {};
	const stopped = new Promise<never>((_, reject) => (stop = () => reject(new Stopped())));
	stopped.catch(() => {});
	const until = <T>(work: Promise<T>): Promise<T> => {
		work.catch(() => {});
		return Promise.race([work, lease.lost, stopped]);
	};
	const relay = () => {
		halt.abort();
		stop();
	};
	if (ctx.signal?.aborted) relay();
	ctx.signal?.addEventListener('abort', relay, { once: true });
	lease.lost.catch(() => halt.abort());

	try {
		const frames = await until(
			downloadFrames(api, job, {
				cache: ctx.cache,
				concurrency: ctx.downloadConcurrency,
				signal: halt.signal,
				onFrame: (done, total) => progress('download', done, total)
			})
		);
		const preview = livePreview(ctx.previewIntervalMs, (p) => live && emit({ type: 'preview', job, preview: p }));
		const { fits, report } = await until(
			stackFrames(
				frames,
				ctx.pool,
				{ catalog: ctx.catalog, onProgress: (p) => progress(p.stage, p.done, p.total), onBand: preview.onBand }
			)
		);
		preview.finish();
		progress('submit', 0, 1);
		const status = await until(submit(api, job, fits, report, ctx, halt.signal));
		progress('submit', 1, 1);
		emit({ type: 'completed', job, status, ms: performance.now() - started, frames: report.counts.aligned });
		return 'completed';
	} catch (err) {
		return await ended(job, err, ctx);
	} finally {
		live = false;
		ctx.cache?.release?.();
		lease.stop();
		ctx.signal?.removeEventListener('abort', relay);
	}
}

/** Submits until the server takes the stack; 5xx (storage down) waits and tries again, the lease kept alive meanwhile. */
async function submit(api: JobApi, job: JobTicket, fits: Uint8Array, report: StackReport, ctx: JobContext, halt: AbortSignal): Promise<string> {
	const bands = await stackBandHashes(fits);
	for (let attempt = 0; ; attempt++) {
		try {
			return (await api.complete(job, fits, report, cpuMs(report), bands)).status;
		} catch (err) {
			if (!(err instanceof Unavailable) || halt.aborted) throw err;
			ctx.emit({ type: 'error', error: `job ${job.id}: submission waits for the server: ${err.message}`, job });
			await sleep(backoffDelay(attempt, SUBMIT_RETRY_BASE_MS, SUBMIT_RETRY_MAX_MS), halt);
			// Stopped or the lease is gone: the job has been given back or dropped, never submit after that.
			if (halt.aborted) throw new Stopped();
		}
	}
}

/** Settles a job that did not complete; whatever is sent to the server here is best effort. */
async function ended(job: JobTicket, err: unknown, ctx: JobContext): Promise<JobOutcome> {
	const { api, emit } = ctx;
	if (err instanceof Stopped || ctx.signal?.aborted) {
		await api.giveBack(job).catch((e) => emit({ type: 'error', error: `job ${job.id}: could not give the lease back (it will expire): ${errorMessage(e)}`, job }));
		return 'aborted';
	}
	if (err instanceof LeaseLostError) {
		emit({ type: 'error', error: `job ${job.id}: lease lost, job dropped: ${err.message}`, job });
		return 'lost';
	}
	if (err instanceof RefusedError) {
		// The server has already put the job back with this message.
		emit({ type: 'failed', job, error: `stack refused: ${err.message}` });
		return 'failed';
	}
	if (err instanceof Unavailable) {
		emit({ type: 'error', error: `job ${job.id}: server unreachable, job left to its lease: ${err.message}`, job });
		await api.giveBack(job).catch(() => {});
		return 'unreachable';
	}
	const reason = err instanceof StackError ? err.message : `cannot stack: ${errorMessage(err)}`;
	try {
		await api.fail(job, reason);
	} catch (e) {
		emit({ type: 'error', error: `job ${job.id}: could not report the failure (${reason}): ${errorMessage(e)}`, job });
	}
	emit({ type: 'failed', job, error: reason });
	return 'failed';
}
