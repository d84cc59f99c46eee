/** Retries a transfer after network failures: exponential backoff, and waiting for the network. */
import { backoffStep } from '$lib/util/backoff';
import { sleep } from '$lib/util/sleep';

/** First retry after 1 s, doubling, never more than 30 s apart. */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;
/** Failed attempts (while online) before a file is marked failed; offline waits do not count. */
export const MAX_ATTEMPTS = 6;

export interface RetryOptions {
	/** Whether this error is worth another try (a dropped connection, a 5xx); others fail at once. */
	retryable(error: unknown): boolean;
	/** Resolves when the browser is (back) online; the default never waits. */
	whenOnline?(): Promise<void>;
	/** Called before each wait, e.g. to show "retrying in 4 s". */
	onRetry?(attempt: number, delayMs: number, error: unknown): void;
	signal?: AbortSignal;
	maxAttempts?: number;
	sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

export async function withRetry<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
	const { retryable, whenOnline, onRetry, signal, maxAttempts = MAX_ATTEMPTS } = options;
	const wait = options.sleep ?? sleep;
	for (let attempt = 0; ; attempt++) {
		if (whenOnline) await whenOnline();
		try {
			return await run();
		} catch (error) {
			if (signal?.aborted || !retryable(error) || attempt + 1 >= maxAttempts) throw error;
			// No jitter: the person is told "retrying in 4 s", and one browser does not stampede.
			const delay = backoffStep(attempt, BACKOFF_BASE_MS, BACKOFF_MAX_MS);
			onRetry?.(attempt + 1, delay, error);
			await wait(delay, signal);
			signal?.throwIfAborted();
		}
	}
}
