import { createHash } from 'node:crypto';
import type { CompleteStatus } from '$lib/api/jobs';
import { getDb } from '$lib/server/db';
import { failJob, requireHeldJob, servedName } from '$lib/server/jobs';
import { recordNetwork } from '$lib/server/trust';
import { acceptStack } from './accept-stack';
import { agreeingResults, settleStanding } from './agreement';
import { checkBandHashes } from './check-band-hashes';
import { expectationFor, loadJobContext } from './job-context';
import { keepCandidate } from './keep-candidate';
import type { Submission } from './parse-submission';
import type { ResultRow } from './record-stack';
import { withOwnerNames } from './report-names';
import { spotCheckResult } from './spot-check-result';
import { validateReport } from './validate-report';
import { validateStack } from './validate-stack';
import { StorageError } from '$lib/server/storage';
import { type Caller, ApiError } from '$lib/server/http';

/**
 * The holder returns its stack. A stack that fails the checks is refused (422) and the attempt
 * counted; a trusted one (trusted token, or the job's owner) is taken in at once; an untrusted one
 * is spot-checked against the kernel (refused 422 on a mismatch, no attempt counted) and then
 * waits for an independent volunteer's identical, checked stack. Storage down → 503, the lease
 * and raws untouched.
 */
export async function completeJob(
	caller: Caller,
	jobId: number,
	leaseToken: string | null,
	submission: Submission
): Promise<{ status: CompleteStatus; stackId?: number }> {
	const db = getDb();
	const job = await requireHeldJob(db, caller, jobId, leaseToken);
	try {
		const ctx = await loadJobContext(job);
		let facts;
		try {
			const { aligned } = validateReport(submission.report, ctx.frames.map(servedName));
			facts = validateStack(submission.stack, await expectationFor(ctx, aligned));
			await checkBandHashes(submission.stack, submission.bands);
		} catch (error) {
			if (error instanceof ApiError && error.status === 422) await failJob(caller, jobId, leaseToken, error.message);
			throw error;
		}
		const result: ResultRow = {
			workerId: job.workerId ?? '',
			userId: caller.userId,
			apiTokenId: caller.tokenId,
			trusted: caller.tokenTrusted || caller.userId === job.userId,
			network: caller.network,
			stackSha256: createHash('sha256').update(submission.stack).digest('hex'),
			frames: ctx.frames.length,
			cpuMs: submission.cpuMs,
			spotCheck: null,
			checkedBands: 0,
			report: withOwnerNames(submission.report, ctx.frames)
		};
		const leaseHash = job.leaseTokenHash!;
		if (result.trusted) {
			const by = caller.userId === job.userId ? 'owner' : 'trusted';
			return { status: 'completed', ...(await acceptStack(ctx, leaseHash, submission.stack, facts, result, by)) };
		}

		await recordNetwork(db, caller.userId, caller.network);
		result.checkedBands = await spotCheckResult(ctx, leaseHash, submission, facts, result);
		result.spotCheck = 'passed';
		const agreeing = await agreeingResults(db, job.id, result);
		if (agreeing.length === 0) return keepCandidate(ctx, leaseHash, submission.stack, result);
		const accepted = await acceptStack(ctx, leaseHash, submission.stack, facts, result, 'crowd', agreeing);
		await settleStanding(db, job.id, result.stackSha256);
		return { status: 'completed', ...accepted };
	} catch (error) {
		if (error instanceof StorageError) {
			throw new ApiError(503, `storage is unavailable (${error.message}); keep the lease and submit again shortly`);
		}
		throw error;
	}
}
