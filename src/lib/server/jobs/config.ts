/** A job that failed this many times ends `failed` (the original system's bound). */
export const MAX_ATTEMPTS = 3;
/** Bounds LEASE_SECONDS: shorter cannot cover a heartbeat interval, longer leaves dead jobs too long. */
const LEASE_RANGE = [1, 3600] as const;

/** How long a claim or heartbeat holds a job: env LEASE_SECONDS, default 120 s. */
export function leaseSeconds(): number {
	const raw = process.env.LEASE_SECONDS?.trim();
	if (!raw) return 120;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < LEASE_RANGE[0] || value > LEASE_RANGE[1]) {
		throw new RangeError(`LEASE_SECONDS=${JSON.stringify(raw)} is not a whole number of seconds in ${LEASE_RANGE[0]}..${LEASE_RANGE[1]}`);
	}
	return value;
}

/** graphile-worker's backoff: a job that failed `attempts` times waits exp(min(attempts, 10)) s. */
export function backoffMs(attempts: number): number {
	return Math.round(Math.exp(Math.min(attempts, 10)) * 1000);
}

/**
 * A volunteer's claims and fails are counted per account in the login_throttle table (the login
 * rule's counter): over the bound in the window, the next one is refused 429 until the window ends.
 * Claims 120 a minute (one every half second: far above any real worker's pace); fails 10 an hour
 * (an honest worker fails rarely; a griefer fails everything). Trusted tokens are limited in neither,
 * a job's owner not in fails of their own jobs.
 */
export const CLAIM_LIMIT = { maxFailures: 120, windowMs: 60_000, lockMs: 60_000 } as const;
export const FAIL_LIMIT = { maxFailures: 10, windowMs: 3_600_000, lockMs: 3_600_000 } as const;

/**
 * Untrusted fails from this many networks that did not end the job (no independent volunteer
 * confirmed them) park it for trusted runners and its owner: no job loops through the crowd for
 * ever. Networks, not accounts: accounts are cheap on one network, networks are not.
 */
export const MAX_UNCONFIRMED_NETWORKS = 5;

/** A volunteer served last (trust/standing `servedLast`) gets only jobs that have waited this long. */
export const SERVED_LAST_AFTER_MS = 60_000;
