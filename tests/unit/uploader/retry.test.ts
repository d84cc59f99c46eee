import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/api/api-error';
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, MAX_ATTEMPTS, withRetry } from '$lib/uploader/retry';
import { backoffStep } from '$lib/util/backoff';

const retryable = (error: unknown) => error instanceof ApiError && error.retryable;

describe('backoffStep', () => {
	it('doubles from 1 s and stops at 30 s', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffStep(a, BACKOFF_BASE_MS, BACKOFF_MAX_MS))).toEqual([
			1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000
		]);
		expect(BACKOFF_MAX_MS).toBe(30_000);
	});
});

describe('withRetry (fake timers)', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('retries network errors after 1 s, then 2 s, and returns the first success', async () => {
		const times: number[] = [];
		const run = vi.fn(async () => {
			times.push(Date.now());
			if (times.length < 3) throw new ApiError(0, 'no answer');
			return 'stored';
		});
		const start = Date.now();
		const result = withRetry(run, { retryable });
		await vi.advanceTimersByTimeAsync(999);
		expect(run).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(run).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(2000);
		await expect(result).resolves.toBe('stored');
		expect(times.map((t) => t - start)).toEqual([0, 1000, 3000]);
	});

	it('fails at once on a refusal by the server (4xx)', async () => {
		const run = vi.fn(async () => {
			throw new ApiError(413, 'File is over 50 MB');
		});
		await expect(withRetry(run, { retryable })).rejects.toThrow('File is over 50 MB');
		expect(run).toHaveBeenCalledTimes(1);
	});

	it('gives up after MAX_ATTEMPTS failures while online', async () => {
		const run = vi.fn(async () => {
			throw new ApiError(503, 'unavailable');
		});
		const result = withRetry(run, { retryable });
		const settled = expect(result).rejects.toThrow('unavailable');
		await vi.advanceTimersByTimeAsync(10 * BACKOFF_MAX_MS);
		await settled;
		expect(run).toHaveBeenCalledTimes(MAX_ATTEMPTS);
	});

	it('waits for the network to come back before each attempt', async () => {
		let online!: () => void;
		let offline = true;
		const whenOnline = () => (offline ? new Promise<void>((resolve) => (online = resolve)) : Promise.resolve());
		const run = vi.fn(async () => 'sent');
		const result = withRetry(run, { retryable, whenOnline });
		await vi.advanceTimersByTimeAsync(60_000);
		expect(run).not.toHaveBeenCalled();
		offline = false;
		online();
		await expect(result).resolves.toBe('sent');
	});

	it('an abort during the wait ends it without another attempt', async () => {
		const controller = new AbortController();
		const run = vi.fn(async () => {
			throw new ApiError(0, 'no answer');
		});
		const result = withRetry(run, { retryable, signal: controller.signal });
		const settled = expect(result).rejects.toMatchObject({ name: 'AbortError' });
		await vi.advanceTimersByTimeAsync(500);
		controller.abort();
		await settled;
		expect(run).toHaveBeenCalledTimes(1);
	});
});
