import { randomBytes } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import { createJobApi } from '../compute/job-api';
import { runJobLoop } from '../compute/job-loop';
import { errorMessage } from '../util/error-message';
import { ApiError } from '../api/api-error';
import { Unavailable } from '../compute/errors';
import type { JobTicket } from '../api/jobs';
import type { LoopEvent } from '../compute/types';
import { createNodePool } from '../stacking/pool/node-pool';
import { checkoutCatalog } from './checkout-catalog';
import { createRunnerFrameCache } from './frame-cache';
import { head, jobLine } from './job-log';
import type { Io } from './stack-command';
import { parseWorkArgs } from './work-args';

/** Where the stop signals come from: the process, or a test's emitter. */
export interface Signals {
	once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
	off(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

/**
 * `[work] --server URL --token T [--concurrency N] [--once]`: the crowd-compute job loop on
 * worker_threads, one log line per job. Every line (start, jobs, warnings, the reason it stopped)
 * goes to stdout, so a pipe or a log file sees them in order. SIGTERM/SIGINT give the job in hand back, then exit 0.
 * Exit codes: 0 done (a job completed, nothing to do, or stopped by a signal), 1 the job failed or
 * the server could not be reached or refused the token.
 */
export async function workCommand(argv: string[], io: Io, signals: Signals = process, env = process.env): Promise<number> {
	const args = parseWorkArgs(argv, env);
	const threads = args.concurrency ?? availableParallelism();
	const workerId = newWorkerId();
	const api = createJobApi({ baseUrl: args.server, token: args.token });
	const stop = new AbortController();
	const say = (line: string) => io.stdout.write(`${line}\n`);
	const onSignal = () => {
		say('stopping: giving the job in hand back');
		stop.abort();
	};
	signals.once('SIGTERM', onSignal);
	signals.once('SIGINT', onSignal);

	let current: { job: JobTicket; started: number } | undefined;
	const onEvent = (e: LoopEvent) => {
		if (e.type === 'claimed') current = { job: e.job, started: performance.now() };
		const line = jobLine(e, current ? (performance.now() - current.started) / 1000 : 0);
		if (line) say(line);
		if (e.type === 'error') say(`warning: ${e.error}`);
	};

	say(`${workerId}: working for ${args.server} with ${threads} thread${threads === 1 ? '' : 's'}${args.once ? ', one job' : ''}`);
	const pool = createNodePool(threads);
	const cache = await createRunnerFrameCache();
	try {
		const { last } = await runJobLoop({ api, pool, catalog: checkoutCatalog(), workerId, cache, once: args.once, signal: stop.signal, onEvent });
		if (last === 'aborted' && current) say(`${head(current.job)}: stopped, lease given back`);
		if (stop.signal.aborted) return 0;
		if (last === undefined) say('no job to do');
		return last === undefined || last === 'completed' ? 0 : 1;
	} catch (err) {
		if (err instanceof Unavailable) say(`cannot reach the CrowdSky server at ${args.server}: ${err.message}`);
		else if (err instanceof ApiError && (err.status === 401 || err.status === 403)) say(`the server at ${args.server} refused the token: ${err.message}`);
		else say(`error: ${errorMessage(err)}`);
		return 1;
	} finally {
		signals.off('SIGTERM', onSignal);
		signals.off('SIGINT', onSignal);
		await pool.close();
		await cache.close();
	}
}

/** `runner-<hostname>-<random>`, within the API's 64 characters of [A-Za-z0-9._-]. */
export function newWorkerId(host: string = hostname()): string {
	const safe = host.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40) || 'host';
	return `runner-${safe}-${randomBytes(4).toString('hex')}`;
}
