import { getDb } from '$lib/server/db';
import { sessionScrubbing } from '$lib/server/jobs';
import { checkShare, standingOf } from '$lib/server/trust';
import { Mismatch, servedSources, spotCheck } from '$lib/server/verify';
import type { JobContext } from './job-context';
import type { Submission } from './parse-submission';
import type { ResultRow } from './record-stack';
import { refuse } from './refuse';
import { refuseUntrusted } from './refuse-untrusted';
import type { StackFacts } from './validate-stack';
import { StorageError } from '$lib/server/storage';
import { errorMessage } from '$lib/util/error-message';

/**
 * Spot-checks an untrusted result as much as its submitter's standing says (checkShare): the
 * bands it recomputed, or a 422 naming what the kernel contradicts, after the refusal is recorded
 * (refuseUntrusted: standing `disagreed`, job back without an attempt counted). A frame the store
 * could not read during the check is a StorageError (503, the lease kept), never a refusal.
 */
export async function spotCheckResult(ctx: JobContext, leaseHash: string, submission: Submission, facts: StackFacts, result: ResultRow): Promise<number> {
	const db = getDb();
	const share = checkShare(await standingOf(db, result.userId));
	const served = servedSources(ctx.frames, await sessionScrubbing(db, ctx.job.uploadSessionId));
	try {
		const checked = await spotCheck({
			sources: served.sources,
			stack: submission.stack,
			report: submission.report,
			bands: submission.bands,
			planes: facts.planes,
			width: facts.width,
			height: facts.height,
			share
		});
		return checked.checkedBands;
	} catch (error) {
		// The store failed a read: the check proved nothing, and the volunteer submits again (503).
		const failure = served.readFailure();
		if (failure) throw failure instanceof StorageError ? failure : new StorageError(errorMessage(failure));
		if (!(error instanceof Mismatch)) throw error;
		const refusal = refuse(`the spot check found that ${error.message}`);
		await refuseUntrusted(ctx, leaseHash, result, refusal.message);
		throw refusal;
	}
}
