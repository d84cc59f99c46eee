import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, leaseSeconds, MAX_ATTEMPTS } from '$lib/server/jobs/config';
import { afterFailure } from '$lib/server/jobs/after-failure';

afterEach(() => {
	delete process.env.LEASE_SECONDS;
});

describe('queue settings', () => {
	it('leases last 120 s unless LEASE_SECONDS says otherwise; nonsense is refused by name', () => {
		expect(leaseSeconds()).toBe(120);
		process.env.LEASE_SECONDS = '5';
		expect(leaseSeconds()).toBe(5);
		for (const bad of ['0', '1.5', 'soon', '7200']) {
			process.env.LEASE_SECONDS = bad;
			expect(() => leaseSeconds()).toThrow(/LEASE_SECONDS/);
		}
	});

	it('backoff is e^attempts seconds, capped at e^10', () => {
		expect(backoffMs(1)).toBe(2718);
		expect(backoffMs(2)).toBe(7389);
		expect(backoffMs(10)).toBe(backoffMs(25));
	});

	it('a failure before the bound retries later; at the bound the job fails and is never left in retry', () => {
		const now = new Date('2026-01-01T00:00:00Z');
		expect(afterFailure(0, 'x', now)).toMatchObject({ status: 'retry', retryCount: 1, runAt: new Date(now.getTime() + 2718) });
		expect(afterFailure(MAX_ATTEMPTS - 1, 'last', now)).toMatchObject({ status: 'failed', retryCount: MAX_ATTEMPTS, errorMessage: 'last', runAt: null });
	});
});
