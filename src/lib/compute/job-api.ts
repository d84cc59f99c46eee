import { backoffDelay } from '../util/backoff';
import { sleep } from '../util/sleep';
import { errorMessage } from '../util/error-message';
import { ApiError } from '../api/api-error';
import { LeaseLostError, RefusedError, Unavailable } from './errors';
import { multipartBody } from './multipart-body';
import { parseTicket } from './parse-ticket';
import { serverMessage } from '../api/error-body';
import type { JobProgress, JobTicket } from '../api/jobs';
import type { JobApi } from './types';

export interface JobApiOptions {
	/** The CrowdSky server, e.g. `https://crowdsky.example`; '' in the browser for the page's own origin. */
	baseUrl: string;
	/** A personal API token (runners). Without one the browser's session cookie is sent. */
	token?: string;
	fetch?: typeof fetch;
	/** Further tries after a 5xx or a network fault, per call; default 5. */
	retries?: number;
	/** First backoff step and its cap; defaults 500 ms and 15 s. */
	retryBaseMs?: number;
	retryMaxMs?: number;
	/** Jitter source (tests seed it); default Math.random. */
	random?: () => number;
}

interface Call {
	method: 'GET' | 'POST';
	path: string;
	/** Sends `X-Lease-Token`; a 404 then means the lease is gone too (the job is not the caller's). */
	lease?: JobTicket;
	json?: unknown;
	multipart?: { body: Uint8Array; contentType: string };
	signal?: AbortSignal;
}

/**
 * The job API client over fetch. Each call is retried with capped exponential backoff and jitter
 * after a 5xx or a network fault, then throws `Unavailable`; 409 throws `LeaseLostError`, 422
 * `RefusedError`, other 4xx `ApiError` with the server's message.
 */
export function createJobApi(opts: JobApiOptions): JobApi {
	const base = opts.baseUrl.replace(/\/+$/, '');
	const origin = /^https?:\/\//.test(base) ? new URL(base).origin : undefined;
	const retries = opts.retries ?? 5;
	const baseMs = opts.retryBaseMs ?? 500;
	const maxMs = opts.retryMaxMs ?? 15_000;
	const doFetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));

	async function once<T>(call: Call, read: (res: Response) => Promise<T>): Promise<T> {
		const url = `${base}${call.path}`;
		const headers: Record<string, string> = { accept: 'application/json' };
		if (opts.token) headers.authorization = `Bearer ${opts.token}`;
		// SvelteKit refuses a multipart POST whose Origin is not its own; browsers set it themselves
		// (and drop ours), Node's fetch sends none.
		if (origin) headers.origin = origin;
		if (call.lease) headers['x-lease-token'] = call.lease.leaseToken;
		let body: BodyInit | undefined;
		if (call.multipart) {
			headers['content-type'] = call.multipart.contentType;
			body = call.multipart.body as Uint8Array<ArrayBuffer>;
		} else if (call.json !== undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(call.json);
		}
		let res: Response;
		try {
			res = await doFetch(url, {
				method: call.method,
				headers,
				body,
				signal: call.signal,
				credentials: opts.token ? 'omit' : 'same-origin'
			});
		} catch (err) {
			if (call.signal?.aborted) throw err;
			throw new Unavailable(`cannot reach ${call.method} ${url}: ${causeOf(err)}`);
		}
		if (!res.ok) throw await errorOf(res, call);
		try {
			return await read(res);
		} catch (err) {
			if (call.signal?.aborted || err instanceof ApiError) throw err;
			throw new Unavailable(`${call.method} ${url}: the answer broke off: ${causeOf(err)}`, res.status);
		}
	}

	async function send<T>(call: Call, read: (res: Response) => Promise<T>): Promise<T> {
		for (let attempt = 0; ; attempt++) {
			try {
				return await once(call, read);
			} catch (err) {
				if (!(err instanceof Unavailable) || attempt >= retries || call.signal?.aborted) throw err;
				await sleep(backoffDelay(attempt, baseMs, maxMs, opts.random), call.signal);
			}
		}
	}

	const leasePath = (job: JobTicket, verb: string) => `/api/jobs/${job.id}/${verb}`;
	const noBody = async () => undefined;

	return {
		claim: (workerId, tasks) =>
			// Only stacking is what the server assumes when `tasks` is absent: the body stays as older servers know it.
			send({ method: 'POST', path: '/api/jobs/claim', json: onlyStacking(tasks) ? { workerId } : { workerId, tasks } }, async (res) =>
				res.status === 204 ? null : parseTicket(((await res.json()) as { job?: unknown }).job)
			),

		download: (job, file, signal) =>
			send({ method: 'GET', path: `${leasePath(job, 'files')}/${file.id}`, lease: job, signal }, async (res) => {
				return new Uint8Array(await res.arrayBuffer());
			}),

		heartbeat: (job, progress?: JobProgress) =>
			send({ method: 'POST', path: leasePath(job, 'heartbeat'), lease: job, json: progress ?? {} }, noBody),

		complete: (job, fits, report, cpuMs, bands) =>
			send(
				{
					method: 'POST',
					path: leasePath(job, 'complete'),
					lease: job,
					multipart: multipartBody({
						stack: { bytes: fits, filename: `job-${job.id}.fits`, type: 'application/fits' },
						report: JSON.stringify(report),
						cpuMs: String(Math.round(cpuMs)),
						bands: JSON.stringify(bands)
					})
				},
				async (res) => {
					const body = (await res.json()) as { status?: unknown };
					if (typeof body.status !== 'string') throw new ApiError(res.status, `complete answered without a status: ${JSON.stringify(body)}`);
					return { status: body.status };
				}
			),

		fail: (job, error) => send({ method: 'POST', path: leasePath(job, 'fail'), lease: job, json: { error } }, noBody),

		giveBack: (job) => send({ method: 'POST', path: leasePath(job, 'return'), lease: job, json: {} }, noBody)
	};
}

function onlyStacking(tasks: string[] | undefined): boolean {
	return !tasks || (tasks.length === 1 && tasks[0] === 'stack');
}

/** The server's `{ message }`, typed by status. */
async function errorOf(res: Response, call: Call): Promise<ApiError> {
	let message = '';
	try {
		const text = await res.text();
		message = serverMessage(text) ?? text;
	} catch {
		// the body broke off: the status says enough
	}
	const what = `${call.method} ${call.path} answered ${res.status}${message ? `: ${message.slice(0, 500)}` : ''}`;
	if (res.status === 409 || (res.status === 404 && call.lease)) return new LeaseLostError(what, res.status);
	if (res.status === 422) return new RefusedError(message || what);
	if (res.status >= 500 || res.status === 429 || res.status === 408) return new Unavailable(what, res.status);
	return new ApiError(res.status, what);
}

/** undici hides the real reason (ECONNREFUSED, …) in `cause`. */
function causeOf(err: unknown): string {
	const cause = (err as { cause?: unknown }).cause;
	return cause ? `${errorMessage(err)} (${errorMessage(cause)})` : errorMessage(err);
}
