import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '$lib/server/db';
import { jobFailures, jobResults, stackingJobs } from '$lib/server/db/schema';
import { facts, offered, offeredTo } from './claim-rules';
import { MAX_ATTEMPTS } from './config';
import { QUEUE_TX } from './queue-tx';
import { TRANSITIONS } from './states';

/** What a claim asks for: who, on which worker, under which lease. */
export interface ClaimRequest {
	userId: number;
	/** A trusted token: offered jobs the crowd's fails parked (claim-rules.ts). */
	trusted: boolean;
	/** The claimer's network (Caller.network), kept with the lease. */
	network: string;
	/** A volunteer of poor standing (trust `servedLast`): offered only jobs that have waited a while. */
	servedLast: boolean;
	workerId: string;
	leaseHash: string;
	leaseSeconds: number;
}

/** The fields of a claimed job that its ticket needs. */
export type ClaimedJob = Pick<
	typeof stackingJobs.$inferSelect,
	'id' | 'userId' | 'task' | 'uploadSessionId' | 'chunkKey' | 'objectName' | 'telescope' | 'frameCount' | 'retryCount'
>;

/** Claims waiting while a batch runs join the next one, up to this many per transaction. */
export const MAX_BATCH = 64;

const claimedColumns = {
	id: stackingJobs.id,
	userId: stackingJobs.userId,
	task: stackingJobs.task,
	uploadSessionId: stackingJobs.uploadSessionId,
	chunkKey: stackingJobs.chunkKey,
	objectName: stackingJobs.objectName,
	telescope: stackingJobs.telescope,
	frameCount: stackingJobs.frameCount,
	retryCount: stackingJobs.retryCount
};

/** Due jobs of these kinds with attempts left, pending before retry, oldest first: the claim's one order. */
function due(tasks: string[], now: Date) {
	return and(
		inArray(stackingJobs.status, TRANSITIONS.claim.from),
		inArray(stackingJobs.task, tasks),
		or(isNull(stackingJobs.runAt), lte(stackingJobs.runAt, now)),
		lt(stackingJobs.retryCount, MAX_ATTEMPTS)
	);
}
const CLAIM_ORDER = [asc(stackingJobs.status), asc(stackingJobs.createdAt), asc(stackingJobs.id)];

/** Leases `job` to `request` (the claim transition's write). */
async function lease(tx: DbOrTx, job: ClaimedJob, request: ClaimRequest, now: Date): Promise<void> {
	await tx
		.update(stackingJobs)
		.set({
			status: 'processing',
			workerId: request.workerId,
			claimedByUserId: request.userId,
			claimedNetwork: request.network,
			claimedTrusted: request.trusted || request.userId === job.userId ? 1 : 0,
			startedAt: now,
			leaseTokenHash: request.leaseHash,
			leaseExpiresAt: new Date(now.getTime() + request.leaseSeconds * 1000),
			runAt: null,
			progressStage: null,
			progressDone: null,
			progressTotal: null
		})
		.where(eq(stackingJobs.id, job.id));
}

/**
 * One transaction for several concurrent claims: the oldest due jobs are locked with SKIP LOCKED,
 * each request takes the first one offered to it (claim-rules.ts: not one its user returned a
 * result for or failed, ...), and the rest are released at commit. A request left without a job
 * gets null (the caller then tries alone).
 */
export async function claimBatch(db: Db, requests: ClaimRequest[], tasks: string[], now: Date): Promise<(ClaimedJob | null)[]> {
	return db.transaction(async (tx) => {
		const candidates = await tx
			.select({ ...claimedColumns, ...facts(now) })
			.from(stackingJobs)
			.where(due(tasks, now))
			.orderBy(...CLAIM_ORDER)
			.limit(requests.length * 2)
			.for('update', { skipLocked: true });
		if (candidates.length === 0) return requests.map(() => null);
		const jobIds = candidates.map((c) => c.id);
		const userIds = [...new Set(requests.map((r) => r.userId))];
		const results = await tx
			.select({ jobId: jobResults.stackingJobId, userId: jobResults.userId })
			.from(jobResults)
			.where(and(inArray(jobResults.stackingJobId, jobIds), inArray(jobResults.userId, userIds)));
		const failures = await tx
			.select({ jobId: jobFailures.stackingJobId, userId: jobFailures.userId })
			.from(jobFailures)
			.where(and(inArray(jobFailures.stackingJobId, jobIds), inArray(jobFailures.userId, userIds), eq(jobFailures.trusted, 0)));
		const done = new Set([...results, ...failures].map((r) => `${r.jobId}:${r.userId}`));
		const taken = new Set<number>();
		const claimed: (ClaimedJob | null)[] = [];
		for (const request of requests) {
			const job = candidates.find((c) => !taken.has(c.id) && offered(c, request, done.has(`${c.id}:${request.userId}`)));
			if (job) {
				taken.add(job.id);
				await lease(tx, job, request, now);
			}
			claimed.push(job ?? null);
		}
		return claimed;
	}, QUEUE_TX);
}

/** The single claim: the oldest due job offered to this request (claim-rules.ts), locked and leased. */
export async function claimOne(tx: DbOrTx, request: ClaimRequest, tasks: string[], now: Date): Promise<ClaimedJob | null> {
	const [job] = await tx
		.select(claimedColumns)
		.from(stackingJobs)
		.where(and(due(tasks, now), offeredTo(request, now)))
		.orderBy(...CLAIM_ORDER)
		.limit(1)
		.for('update', { skipLocked: true });
	if (job) await lease(tx, job, request, now);
	return job ?? null;
}

interface Waiting {
	request: ClaimRequest;
	resolve: (job: ClaimedJob | null) => void;
	reject: (error: unknown) => void;
}

/**
 * Claims that arrive while a batch is running wait for the next one: a lone claim runs at once,
 * fifty concurrent ones share a transaction (one commit, one lock scan) instead of queueing on
 * the same rows. Keyed by database handle and task kinds.
 */
const batchers = new WeakMap<Db, Map<string, Waiting[] & { running?: boolean }>>();

export function claimTogether(db: Db, request: ClaimRequest, tasks: string[]): Promise<ClaimedJob | null> {
	let byTasks = batchers.get(db);
	if (!byTasks) batchers.set(db, (byTasks = new Map()));
	const key = tasks.join(',');
	let queue = byTasks.get(key);
	if (!queue) byTasks.set(key, (queue = []));
	const waiting = queue;
	return new Promise((resolve, reject) => {
		waiting.push({ request, resolve, reject });
		if (!waiting.running) void drain(db, waiting, tasks);
	});
}

async function drain(db: Db, queue: Waiting[] & { running?: boolean }, tasks: string[]): Promise<void> {
	queue.running = true;
	try {
		while (queue.length > 0) {
			const batch = queue.splice(0, MAX_BATCH);
			try {
				const jobs = await claimBatch(
					db,
					batch.map((w) => w.request),
					tasks,
					new Date()
				);
				batch.forEach((w, i) => w.resolve(jobs[i]));
			} catch (error) {
				for (const w of batch) w.reject(error);
			}
		}
	} finally {
		queue.running = false;
	}
}
