/** The job queue, graphile-worker style: a file per verb; endpoints import from `$lib/server/jobs`. */
export { claimJob, checkWorkerId, type JobTicket } from './claim-job';
export { computeStats } from './compute-stats';
export { backoffMs, CLAIM_LIMIT, FAIL_LIMIT, leaseSeconds, MAX_ATTEMPTS, MAX_UNCONFIRMED_NETWORKS, SERVED_LAST_AFTER_MS } from './config';
export { failJob } from './fail-job';
export { lockHeldJob, requireHeldJob, type JobRow } from './held-job';
export { listJobFiles, servedName } from './job-files';
export { jobFrames, type FrameRow } from './job-frames';
export { startLeaseSweep } from './lease-sweep';
export { openJobFile } from './open-job-file';
export { releaseExpiredLeases } from './release-expired';
export { parseProgress, renewLease, type Progress } from './renew-lease';
export { rerunJob } from './rerun-job';
export { returnJob } from './return-job';
export { TRANSITIONS, type Transition } from './states';
export { checkTasks } from './tasks';
export { sessionScrubbing, volunteerScrubbing } from './telescope-pseudonym';
export { leaseTokenOf } from './refusals';
