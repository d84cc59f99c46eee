/** Exponential backoff with full jitter, capped: attempt 0 waits up to `baseMs`, then doubling up to `maxMs`. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
	const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
	// Half fixed, half random: never a zero wait, and a crowd of workers spreads out after a restart.
	return ceiling / 2 + (random() * ceiling) / 2;
}

/** Resolves after `ms`, or early (without error) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal?.addEventListener('abort', done, { once: true });
	});
}
