import type { JobStatus } from '$lib/api/jobs';

/**
 * The queue's state machine, the one table the transitions are written from (README "The job
 * queue" prints it). A transition is one small transaction in one file; `from` is what its
 * WHERE accepts, `to` what it may write.
 *
 * "Awaiting agreement" is derived, not a status: a `pending` job with unaccepted rows in
 * job_results. The status column keeps the original system's five values (downstream readers
 * and the schema reference know only those), and a candidate result changes nothing about how
 * the job is queued: it is claimable like any pending job, except by the volunteers who already
 * returned a result for it.
 */
export const TRANSITIONS = {
	claim: { from: ['pending', 'retry'], to: ['processing'], file: 'jobs/claim-job.ts', when: 'a worker asks for work; due (run_at) and with attempts left' },
	renew: { from: ['processing'], to: ['processing'], file: 'jobs/renew-lease.ts', when: 'the holder heartbeats' },
	complete: { from: ['processing'], to: ['completed'], file: 'intake/record-stack.ts', when: 'a verified stack is stored' },
	await: { from: ['processing'], to: ['pending', 'failed'], file: 'intake/keep-candidate.ts', when: 'an untrusted stack passed its spot check and waits for agreement; failed after 3 checked ones disagree' },
	refuse: { from: ['processing'], to: ['pending', 'retry'], file: 'intake/refuse-untrusted.ts', when: 'the spot check contradicts an untrusted stack; no attempt counted' },
	fail: { from: ['processing'], to: ['pending', 'retry', 'failed'], file: 'jobs/fail-job.ts', when: 'the holder (or the server: refused stack, frame missing) gives up; an untrusted fail counts only once an independent volunteer confirms it; failed at the 3rd attempt' },
	expire: { from: ['processing'], to: ['pending', 'retry', 'failed'], file: 'jobs/release-expired.ts', when: "the lease ran out: the sweep, or a claim that finds nothing else; settled as the holder's fail" },
	return: { from: ['processing'], to: ['pending', 'retry'], file: 'jobs/return-job.ts', when: 'the holder gives the job back; no attempt counted' },
	rerun: { from: ['failed'], to: ['pending'], file: 'jobs/rerun-job.ts', when: 'the owner runs it again: attempts, fails and candidate stacks cleared' }
} as const satisfies Record<string, { from: readonly JobStatus[]; to: readonly JobStatus[]; file: string; when: string }>;

export type Transition = keyof typeof TRANSITIONS;

