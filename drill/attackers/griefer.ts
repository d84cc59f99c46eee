// The griefer: an untrusted volunteer that claims every job it is offered and fails it at once,
// as fast as the server lets it (it waits out each 429's Retry-After, and gives back a job whose
// fail was refused so). What the server answered each fail is kept.
import { sleep } from '../../src/lib/util/sleep';
import { fetchFrom } from '../local-address';

/** The griefer's words: a failed job whose error is these was failed by the griefer. */
export const GRIEF_MESSAGE = 'GRIEF: the frames are unreadable (a lie)';

export interface Griefer {
	/** Fails the server took, by the job status it answered. */
	fails(): Map<string, number>;
	/** Jobs it failed at least once. */
	jobs(): Set<number>;
	/** 429 answers (claims and fails). */
	limited(): number;
	stop(): Promise<void>;
}

export function startGriefer({ baseUrl, token, localAddress }: { baseUrl: string; token: string; localAddress: string }): Griefer {
	const doFetch = fetchFrom(localAddress);
	const fails = new Map<string, number>();
	const jobs = new Set<number>();
	let limited = 0;
	const stop = new AbortController();
	const post = async (path: string, body: unknown, lease?: string) => {
		const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
		if (lease) headers['x-lease-token'] = lease;
		const res = await doFetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
		const text = await res.text();
		if (res.status === 429) {
			limited++;
			await sleep(1000 * Math.min(60, Number(res.headers.get('retry-after')) || 1), stop.signal).catch(() => {});
		}
		return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
	};
	const loop = async () => {
		while (!stop.signal.aborted) {
			try {
				const claim = await post('/api/jobs/claim', { workerId: `griefer-${localAddress}` });
				const job = claim.status === 200 ? (claim.body.job as { id: number; leaseToken: string }) : undefined;
				if (!job) {
					if (claim.status !== 429) await sleep(500, stop.signal).catch(() => {});
					continue;
				}
				const fail = await post(`/api/jobs/${job.id}/fail`, { error: GRIEF_MESSAGE }, job.leaseToken);
				if (fail.status === 429) await post(`/api/jobs/${job.id}/return`, {}, job.leaseToken);
				if (fail.status === 200) {
					jobs.add(job.id);
					const status = String(fail.body.status);
					fails.set(status, (fails.get(status) ?? 0) + 1);
				}
			} catch {
				// a fault (server or database away): try again shortly
				await sleep(500, stop.signal).catch(() => {});
			}
		}
	};
	const done = loop();
	return {
		fails: () => new Map(fails),
		jobs: () => new Set(jobs),
		limited: () => limited,
		async stop() {
			stop.abort();
			await done;
		}
	};
}
