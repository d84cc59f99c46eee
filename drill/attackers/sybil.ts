// A Sybil pair: two fresh accounts that collude. The first claims a job, stacks it honestly with
// the kernel (the runner's own job code, in process), paints the block into the stack (forge.ts)
// and posts it; the second then claims as fast as the server lets it until it holds that same job
// (keeping the others it is offered meanwhile, then giving them back) and posts the identical
// forgery, so that the two agree.
// Every post and the server's answer are kept for the proof.
import { createJobApi } from '../../src/lib/compute/job-api';
import { runJob } from '../../src/lib/compute/run-job';
import type { JobApi } from '../../src/lib/compute/types';
import type { JobTicket } from '../../src/lib/api/jobs';
import { ApiError } from '../../src/lib/api/api-error';
import { checkoutCatalog } from '../../src/lib/runner/checkout-catalog';
import { createNodePool } from '../../src/lib/stacking/pool/node-pool';
import { errorMessage } from '../../src/lib/util/error-message';
import { sha256Hex } from '../../src/lib/util/sha256';
import { stackBandHashes } from '../../src/lib/stacking/verify-bands';
import { sleep } from '../../src/lib/util/sleep';
import { fetchFrom } from '../local-address';
import { paintBlock } from './forge';

/** How long the second member looks for its partner's job (honest volunteers race it for the job). */
const SEEK_MS = 30_000;

export interface Colluder {
	name: string;
	token: string;
	localAddress: string;
}

export interface ForgedPost {
	pair: string;
	attacker: string;
	jobId: number;
	sha256: string;
	/** The server's answer: a complete status ('completed', 'awaiting-agreement', 'failed'), `refused` (422), or `error …`. */
	outcome: string;
}

export interface SybilPair {
	posts(): ForgedPost[];
	/** Resolves when the pair has made its rounds (or was stopped). */
	done: Promise<void>;
	stop(): Promise<void>;
}

interface Member extends Colluder {
	api: JobApi;
	workerId: string;
}

export function startSybilPair({ baseUrl, pair, members, rounds }: { baseUrl: string; pair: string; members: [Colluder, Colluder]; rounds: number }): SybilPair {
	const posts: ForgedPost[] = [];
	const stop = new AbortController();
	const pool = createNodePool(1);
	const [a, b]: Member[] = members.map((m) => ({
		...m,
		workerId: `sybil-${m.name}`,
		api: createJobApi({ baseUrl, token: m.token, fetch: fetchFrom(m.localAddress), retries: 3 })
	}));

	/** Posts `fits` for `job` as `member`, recording the answer; rethrows so the job code sees it too. */
	const post = async (member: Member, job: JobTicket, complete: () => Promise<{ status: string }>, sha256: string) => {
		const record: ForgedPost = { pair, attacker: member.name, jobId: job.id, sha256, outcome: 'error: no answer' };
		posts.push(record);
		try {
			const answer = await complete();
			record.outcome = answer.status;
			return answer;
		} catch (error) {
			record.outcome = error instanceof ApiError && error.status === 422 ? 'refused' : `error ${errorMessage(error)}`;
			throw error;
		}
	};

	const round = async (): Promise<void> => {
		const job = await a.api.claim(a.workerId);
		if (!job) return sleep(1000, stop.signal).catch(() => {});
		let forged: { fits: Uint8Array; report: unknown; cpuMs: number; bands: string[] } | undefined;
		// The first member's job code, with `complete` forging what it sends: the band hashes are the
		// forged planes' own, so only the server's recomputation of sampled bands can tell.
		const forging: JobApi = {
			...a.api,
			complete: async (ticket, fits, report, cpuMs) => {
				const bytes = paintBlock(fits);
				forged = { fits: bytes, report, cpuMs, bands: await stackBandHashes(bytes) };
				const { bands } = forged;
				return post(a, ticket, () => a.api.complete(ticket, bytes, report, cpuMs, bands), await sha256Hex(bytes));
			}
		};
		await runJob(job, { api: forging, pool, catalog: checkoutCatalog(), signal: stop.signal, emit: () => {}, downloadConcurrency: 3, previewIntervalMs: 3_600_000 });
		const first = posts.at(-1);
		if (!forged || first?.jobId !== job.id || first.outcome !== 'awaiting-agreement') return;
		const { fits, report, cpuMs, bands } = forged;
		const sha256 = await sha256Hex(fits);
		const held: JobTicket[] = [];
		try {
			for (const until = Date.now() + SEEK_MS; Date.now() < until && !stop.signal.aborted; ) {
				const ticket = await b.api.claim(b.workerId).catch((error) => {
					if (error instanceof ApiError && error.status === 429) return null;
					throw error;
				});
				if (!ticket) {
					await sleep(250, stop.signal).catch(() => {});
					continue;
				}
				if (ticket.id !== job.id) {
					held.push(ticket);
					continue;
				}
				await post(b, ticket, () => b.api.complete(ticket, fits, report, cpuMs, bands), sha256).catch(() => {});
				break;
			}
		} finally {
			await Promise.all(held.map((t) => b.api.giveBack(t).catch(() => {})));
		}
	};

	const done = (async () => {
		try {
			for (let made = 0; made < rounds && !stop.signal.aborted; ) {
				const before = posts.length;
				await round().catch(() => sleep(1000));
				if (posts.length > before) made++;
			}
		} finally {
			await pool.close();
		}
	})();
	return {
		posts: () => posts.map((p) => ({ ...p })),
		done,
		async stop() {
			stop.abort();
			await done;
		}
	};
}
