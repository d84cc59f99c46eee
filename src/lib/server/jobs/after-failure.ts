import { backoffMs, MAX_ATTEMPTS } from './config';

/**
 * The row's next state after a failed attempt: `retry` after a backoff, or `failed` once
 * MAX_ATTEMPTS attempts have failed (never left in `retry`). The lease is dropped either way.
 */
export function afterFailure(retryCount: number, message: string, now: Date) {
	const attempts = retryCount + 1;
	const exhausted = attempts >= MAX_ATTEMPTS;
	return {
		status: exhausted ? ('failed' as const) : ('retry' as const),
		retryCount: attempts,
		errorMessage: message,
		runAt: exhausted ? null : new Date(now.getTime() + backoffMs(attempts)),
		completedAt: exhausted ? now : null,
		leaseTokenHash: null,
		leaseExpiresAt: null
	};
}
