import { errorMessage } from '../util/error-message';
import { LeaseLostError } from './errors';
import type { JobProgress, JobTicket } from '../api/jobs';
import type { JobApi } from './types';

export interface LeaseKeeper {
	/** The latest progress, sent with the next heartbeat. */
	progress(p: JobProgress): void;
	/** Rejects with LeaseLostError when a heartbeat is answered "not yours"; never resolves otherwise. */
	readonly lost: Promise<never>;
	stop(): void;
}

/**
 * Renews the job's lease every leaseSeconds / 3 while the worker holds it, sending the latest
 * progress. A heartbeat that cannot get through is reported and tried again on the next tick (the
 * lease has two more ticks of slack); one answered 409/404 means the lease is gone.
 */
export function keepLease(api: JobApi, job: JobTicket, onError: (message: string) => void): LeaseKeeper {
	let latest: JobProgress | undefined;
	let inFlight = false;
	let stopped = false;
	let loseLease: (err: LeaseLostError) => void = () => {};
	const lost = new Promise<never>((_, reject) => (loseLease = reject));
	lost.catch(() => {}); // observed by whoever races against it

	const beat = async () => {
		if (inFlight || stopped) return;
		inFlight = true;
		try {
			await api.heartbeat(job, latest);
		} catch (err) {
			if (stopped) return;
			if (err instanceof LeaseLostError) {
				stopped = true;
				clearInterval(timer);
				loseLease(err);
			} else onError(`job ${job.id}: heartbeat failed, will try again: ${errorMessage(err)}`);
		} finally {
			inFlight = false;
		}
	};
	const timer = setInterval(beat, (job.leaseSeconds * 1000) / 3);

	return {
		progress: (p) => (latest = p),
		lost,
		stop() {
			stopped = true;
			clearInterval(timer);
		}
	};
}
