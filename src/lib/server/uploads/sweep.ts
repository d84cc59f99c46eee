import { finishRawDeletion } from '$lib/server/intake/finish-raw-deletion';
import { deleteSettledCandidates } from '$lib/server/jobs';
import { solveStoredStacks } from '$lib/server/solve';
import { errorMessage } from '$lib/util/error-message';
import { expireStaleSessions, type SweepReport } from './expire';
import { removeOrphanRaws, removeStalePartials } from './sweep-raw-store';
import { errorFields, log } from '$lib/server/log';

export interface FullSweepReport {
	expired: SweepReport;
	/** Partial writes removed from the stores' temporary folders. */
	tempRemoved: number;
	/** Stored raw frames no row named. */
	orphansRemoved: string[];
	/** Raws of accepted stacks whose deletion a crash had cut short. */
	rawsDeleted: number;
	/** Jobs that ended with candidate stacks still stored (a lease that ran out, a crash). */
	candidateJobs: number;
	/** Stored stacks never plate-solved, solved now (bounded per sweep): tried, and how many solved. */
	solves: { tried: number; solved: number };
	/** Steps that failed (logged); the other steps ran all the same. */
	failed: string[];
}

/**
 * Every clean-up after crashes and abandoned uploads, in one pass: hourly in each server and by
 * `npm run sweep`. Each step is idempotent and re-checks what it removes, so instances sweeping
 * at the same moment do the work once between them.
 */
export async function sweepAll(now: Date = new Date()): Promise<FullSweepReport> {
	const failed: string[] = [];
	const step = async <T>(name: string, run: () => Promise<T>, fallback: T): Promise<T> => {
		try {
			return await run();
		} catch (error) {
			log('error', 'sweep-step-failed', { step: name, ...errorFields(error) });
			failed.push(`${name}: ${errorMessage(error)}`);
			return fallback;
		}
	};
	return {
		expired: await step('expiring idle upload sessions', () => expireStaleSessions(now), { sessions: [], files: 0, failed: [] }),
		tempRemoved: await step('removing partial writes', () => removeStalePartials(now), 0),
		orphansRemoved: await step('removing frames no row names', () => removeOrphanRaws(now), []),
		rawsDeleted: await step('finishing raw deletion of accepted stacks', finishRawDeletion, 0),
		candidateJobs: await step('removing candidate stacks of ended jobs', deleteSettledCandidates, 0),
		solves: await step('plate-solving stored stacks', () => solveStoredStacks(), { tried: 0, solved: 0 }),
		failed
	};
}

/** One line for the log and `npm run sweep`. */
export function describeSweep({ expired, tempRemoved, orphansRemoved, rawsDeleted, candidateJobs, solves, failed }: FullSweepReport): string {
	return (
		`Sweep: ${expired.sessions.length} upload session(s) expired${expired.sessions.length ? ` (ids ${expired.sessions.join(', ')})` : ''}, ` +
		`${expired.files} raw file(s) marked deleted, ${expired.failed.length} folder(s) could not be removed; ` +
		`${tempRemoved} partial write(s), ${orphansRemoved.length} unrecorded frame(s), ${rawsDeleted} raw(s) of accepted stacks and ` +
		`the candidates of ${candidateJobs} ended job(s) removed; ` +
		`${solves.solved} of ${solves.tried} stored stack(s) plate-solved; ` +
		`${failed.length} step(s) failed.`
	);
}
