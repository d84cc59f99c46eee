import { countAttempt, type ThrottleRule } from '$lib/server/auth';
import { ApiError } from '$lib/server/http';
import { CLAIM_LIMIT, FAIL_LIMIT } from './config';

/** Counts one request against the volunteer's key; 429 with Retry-After once over the rule's bound. */
async function limit(key: string, rule: ThrottleRule, what: string, now: Date): Promise<void> {
	const lockEnd = await countAttempt([{ key, rule }], now);
	if (!lockEnd) return;
	const seconds = Math.max(1, Math.ceil((lockEnd.getTime() - now.getTime()) / 1000));
	throw new ApiError(429, `too many ${what} from your account (at most ${rule.maxFailures} in ${rule.windowMs / 60_000} min); try again in ${seconds} s`, seconds);
}

/** A claim, counted per account; callers skip it for a trusted token (an operator's runners, however many). */
export function limitClaims(userId: number, now = new Date()): Promise<void> {
	return limit(`claims:${userId}`, CLAIM_LIMIT, 'claims', now);
}

/** An untrusted fail, counted per account; trusted runners and owners are not limited. */
export function limitFails(userId: number, now = new Date()): Promise<void> {
	return limit(`fails:${userId}`, FAIL_LIMIT, 'failed jobs', now);
}
