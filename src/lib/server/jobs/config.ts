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
